namespace Falcon.Roles.Aggregator.Definitions;

/// <summary>The three shapes a `cluster` numerator or denominator takes.</summary>
internal enum ClusterExpressionKind
{
    /// <summary>`$#`: the number of hosts whose every operand had a value.</summary>
    HostCount,

    /// <summary>A non-negative integer written as digits.</summary>
    Constant,

    /// <summary>`$(a)+$(b)-...`, optionally compared with a number, computed per host and summed over hosts.</summary>
    PerHost,
}
