using Falcon.Roles.Agent.Collectors;
using Falcon.Roles.Agent.Push;
using Falcon.Shared.Model;

namespace Falcon.Roles.Agent.Scheduling;

/// <summary>
/// What one collector pass writes: stamped with the endpoint, the tier's step and the tick, ignored names left out,
/// default tags appended. Values that are not finite are left out too, since transfer would count them invalid.
/// </summary>
internal sealed class PointWriter(string endpoint, long step, long timestamp, IReadOnlySet<string> ignore, DefaultTags defaultTags) : IMetricWriter
{
    private readonly List<MetricValue> _points = [];

    public IReadOnlyList<MetricValue> Points => _points;

    public void Gauge(string metric, double value, string tags = "") => Add(metric, value, tags, "GAUGE");

    public void Counter(string metric, double value, string tags = "") => Add(metric, value, tags, "COUNTER");

    private void Add(string metric, double value, string tags, string counterType)
    {
        if (!double.IsFinite(value) || ignore.Contains(metric))
        {
            return;
        }

        _points.Add(new MetricValue
        {
            Endpoint = endpoint,
            Metric = metric,
            Value = MetricRawValue.FromNumber(value),
            Step = step,
            CounterType = counterType,
            Tags = defaultTags.Append(tags ?? string.Empty),
            Timestamp = timestamp,
        });
    }
}
