namespace Falcon.Roles.Aggregator.Methods;

/// <summary>What a method needs from the TSDB. The count is always asked for: it is the coverage.</summary>
[Flags]
internal enum MethodNeeds
{
    None = 0,
    Sum = 1,
    Max = 2,
    Min = 4,

    /// <summary>Every contributing host's value (percentiles): the engine cannot fold these per chunk exactly.</summary>
    AllValues = 8,
}
