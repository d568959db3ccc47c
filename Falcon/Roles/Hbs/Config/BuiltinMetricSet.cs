using Falcon.Shared.Model.Agents;

namespace Falcon.Roles.Hbs.Config;

/// <summary>The builtin metrics of one set of bound templates, sorted by "metric/tags", and their open-falcon checksum.</summary>
internal sealed record BuiltinMetricSet(IReadOnlyList<BuiltinMetric> Metrics, string Checksum)
{
    public static BuiltinMetricSet Empty { get; } = new([], "");
}
