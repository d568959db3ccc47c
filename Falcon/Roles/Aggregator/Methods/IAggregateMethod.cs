namespace Falcon.Roles.Aggregator.Methods;

/// <summary>
/// One way of folding the per-host values of a step into one number (sum, avg, p99...). Adding a method is one small
/// class implementing this interface plus one line in <see cref="AggregateMethods"/>: say what the TSDB can fold per
/// query chunk (<see cref="Needs"/>) and how the folded parts give the answer.
/// </summary>
internal interface IAggregateMethod
{
    /// <summary>The name in the methods column and in the output's `method` tag.</summary>
    string Name { get; }

    /// <summary>What the computation needs: parts the engine folds per chunk, or every host's value.</summary>
    MethodNeeds Needs { get; }

    /// <summary>The result from the combined parts; null when there is nothing to report (no host contributed).</summary>
    double? Compute(AggregateParts parts);
}
