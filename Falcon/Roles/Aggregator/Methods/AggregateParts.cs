namespace Falcon.Roles.Aggregator.Methods;

/// <summary>
/// The parts of one step's values, combined exactly over every query chunk: sums add, counts add, max of maxima, min
/// of minima. <see cref="SortedValues"/> holds every contributing host's value, ascending, when a method asked for them.
/// </summary>
internal sealed record AggregateParts(long Count, double Sum, double Max, double Min, IReadOnlyList<double>? SortedValues)
{
    public static AggregateParts Empty { get; } = new(0, 0, double.NegativeInfinity, double.PositiveInfinity, null);

    /// <summary>The parts of a plain list of values (tests, and the cluster table's per-host path).</summary>
    public static AggregateParts Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double[] sorted = [.. values];
        Array.Sort(sorted);
        return sorted.Length == 0
            ? Empty with { SortedValues = [] }
            : new AggregateParts(sorted.Length, sorted.Sum(), sorted[^1], sorted[0], sorted);
    }

    /// <summary>Adds the parts of another chunk.</summary>
    public AggregateParts Combine(AggregateParts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        IReadOnlyList<double>? values = null;
        if (SortedValues is not null || other.SortedValues is not null)
        {
            double[] merged = [.. SortedValues ?? [], .. other.SortedValues ?? []];
            Array.Sort(merged);
            values = merged;
        }

        return new AggregateParts(Count + other.Count, Sum + other.Sum, Math.Max(Max, other.Max), Math.Min(Min, other.Min), values);
    }
}
