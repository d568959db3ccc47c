namespace Falcon.Roles.Aggregator.Methods;

/// <summary>The sum of the hosts' values.</summary>
internal sealed class SumMethod(string name = "sum") : IAggregateMethod
{
    public string Name => name;

    public MethodNeeds Needs => MethodNeeds.Sum;

    public double? Compute(AggregateParts parts) => parts.Count == 0 ? null : parts.Sum;
}

/// <summary>The mean of the hosts' values: the exact sum over the exact count, whatever the chunking.</summary>
internal sealed class AvgMethod(string name = "avg") : IAggregateMethod
{
    public string Name => name;

    public MethodNeeds Needs => MethodNeeds.Sum;

    public double? Compute(AggregateParts parts) => parts.Count == 0 ? null : parts.Sum / parts.Count;
}

/// <summary>The largest of the hosts' values.</summary>
internal sealed class MaxMethod(string name = "max") : IAggregateMethod
{
    public string Name => name;

    public MethodNeeds Needs => MethodNeeds.Max;

    public double? Compute(AggregateParts parts) => parts.Count == 0 ? null : parts.Max;
}

/// <summary>The smallest of the hosts' values.</summary>
internal sealed class MinMethod(string name = "min") : IAggregateMethod
{
    public string Name => name;

    public MethodNeeds Needs => MethodNeeds.Min;

    public double? Compute(AggregateParts parts) => parts.Count == 0 ? null : parts.Min;
}

/// <summary>How many hosts contributed a fresh value (0 is a real answer here: the whole group is silent).</summary>
internal sealed class CountMethod(string name = "count") : IAggregateMethod
{
    public string Name => name;

    public MethodNeeds Needs => MethodNeeds.None;

    public double? Compute(AggregateParts parts) => parts.Count;
}
