namespace Falcon.Roles.Aggregator.Methods;

/// <summary>
/// The nearest-rank percentile: with n values sorted ascending, the value at rank ceil(p/100 × n) (1-based), no
/// interpolation. So p50 of 1..10 is 5, p90 of 1..10 is 9 and p99 of 1..10 is 10. (The fork read index int(n×0.95)
/// for its tp90, which is the 95th percentile.)
/// </summary>
internal sealed class PercentileMethod : IAggregateMethod
{
    private readonly int _percent;

    public PercentileMethod(string name, int percent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        Name = name;
        _percent = percent;
    }

    public string Name { get; }

    public MethodNeeds Needs => MethodNeeds.AllValues;

    public double? Compute(AggregateParts parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var values = parts.SortedValues;
        if (values is null || values.Count == 0)
        {
            return null;
        }

        // Integer arithmetic: ceil(p × n / 100) without a floating-point rounding surprise at exact ranks.
        var rank = (int)(((long)_percent * values.Count + 99) / 100);
        return values[Math.Clamp(rank, 1, values.Count) - 1];
    }
}
