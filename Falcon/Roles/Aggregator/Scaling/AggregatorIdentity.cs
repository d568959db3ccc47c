using Microsoft.Extensions.Options;

namespace Falcon.Roles.Aggregator.Scaling;

/// <summary>This instance's id: `aggregator.instanceId`, or host name, process id and a random part (a restart is a new instance).</summary>
internal sealed class AggregatorIdentity(IOptions<AggregatorOptions> options)
{
    public string InstanceId { get; } = string.IsNullOrWhiteSpace(options.Value.InstanceId)
        ? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}"
        : options.Value.InstanceId.Trim();
}
