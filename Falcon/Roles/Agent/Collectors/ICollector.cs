namespace Falcon.Roles.Agent.Collectors;

/// <summary>
/// One group of agent metrics (cpu, mem, df, ...) read from /proc and /sys, run once per tick of its tier.
/// </summary>
/// <remarks>
/// A collector keeps whatever state its deltas need between passes. The scheduler stamps endpoint, step (the tier's
/// interval) and timestamp (the aligned tick) on what it writes; an exception skips this collector for this pass only.
/// </remarks>
internal interface ICollector
{
    /// <summary>The name operators use to move a collector to another tier (`agent.tiers.&lt;name&gt;`).</summary>
    string Name { get; }

    /// <summary>The tier this collector runs in unless configured otherwise, in seconds: 10, 30, 60 or 120.</summary>
    int DefaultIntervalSeconds { get; }

    ValueTask CollectAsync(IMetricWriter writer, CancellationToken cancellationToken);
}
