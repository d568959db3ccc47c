using System.Buffers;
using System.Text.Json;
using Falcon.Shared.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Agent.Push;

/// <summary>open-falcon's agent push: `Transfer.Update` to the `agent.transfer` addresses in a random order, first success wins.</summary>
internal sealed class TransferClient : ITransferClient, IAsyncDisposable
{
    private readonly RpcFailover _failover;
    private readonly AgentMetrics _metrics;
    private readonly ILogger<TransferClient> _logger;

    public TransferClient(IOptions<AgentOptions> options, AgentMetrics metrics, ILogger<TransferClient> logger, TimeProvider timeProvider)
    {
        var o = options.Value;
        _failover = new RpcFailover(o.Transfer, o.TransferTimeout, o.DialTimeout, shuffle: true, logger, timeProvider);
        _metrics = metrics;
        _logger = logger;
    }

    public async Task<TransferReply> UpdateAsync(IReadOnlyList<MetricValue> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var param = Serialize(batch);
        var (result, address) = await _failover.CallAsync(
            (client, ct) => client.CallRawAsync("Transfer.Update", param, ct),
            (failed, error) =>
            {
                _metrics.TransferFailed(failed);
                Log.TransferCallFailed(_logger, failed, batch.Count, error.Message);
            },
            cancellationToken);
        return new TransferReply(address, ReadInt(result, "Total"), ReadInt(result, "Invalid"));
    }

    public ValueTask DisposeAsync() => _failover.DisposeAsync();

    internal static ReadOnlyMemory<byte> Serialize(IReadOnlyList<MetricValue> batch)
    {
        var buffer = new ArrayBufferWriter<byte>(batch.Count * 160);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var point in batch)
            {
                JsonSerializer.Serialize(writer, point, ModelJsonContext.Default.MetricValue);
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenMemory;
    }

    // TransferResponse has Go field names and no json tags; Go writes them as-is, other servers may not.
    private static int ReadInt(JsonElement result, string name)
    {
        if (result.ValueKind != JsonValueKind.Object)
        {
            return 0;
        }

        foreach (var property in result.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.TryGetInt32(out var value))
            {
                return value;
            }
        }

        return 0;
    }
}
