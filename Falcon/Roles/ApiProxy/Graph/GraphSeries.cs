using Falcon.Shared.Model;
using Falcon.Shared.Tsdb;

namespace Falcon.Roles.ApiProxy.Graph;

/// <summary>One falcon series read back from every datacenter that has it: its counter, type and raw points merged in time order.</summary>
internal sealed class GraphSeries(string endpoint, string counter, CounterType type)
{
    private readonly SortedDictionary<double, double> _points = [];

    public string Endpoint { get; } = endpoint;

    public string Counter { get; } = counter;

    public CounterType Type { get; } = type;

    /// <summary>The raw points in time order; a point two datacenters both hold appears once.</summary>
    public IReadOnlyList<PromSample> Points => [.. _points.Select(p => new PromSample(p.Key, p.Value))];

    public void Add(IEnumerable<PromSample> points)
    {
        foreach (var point in points)
        {
            _points[point.Timestamp] = point.Value;
        }
    }
}
