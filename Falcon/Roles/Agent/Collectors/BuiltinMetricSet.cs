using Falcon.Shared.Model.Agents;

namespace Falcon.Roles.Agent.Collectors;

/// <summary>The builtin metrics hbs last asked this agent to collect (net.port.listen, proc.num, du.bs, url.check.health).</summary>
/// <remarks>The heartbeat loop replaces the list when `Agent.BuiltinMetrics` answers with a new checksum; collectors read <see cref="Current"/>.</remarks>
internal sealed class BuiltinMetricSet
{
    private volatile IReadOnlyList<BuiltinMetric> _current = [];

    public IReadOnlyList<BuiltinMetric> Current => _current;

    public string Checksum { get; private set; } = "";

    public void Replace(IReadOnlyList<BuiltinMetric> metrics, string checksum)
    {
        _current = metrics;
        Checksum = checksum;
    }
}
