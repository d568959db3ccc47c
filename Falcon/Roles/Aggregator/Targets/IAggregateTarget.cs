namespace Falcon.Roles.Aggregator.Targets;

/// <summary>
/// Which hosts a definition aggregates. Adding a target kind is one small class implementing this interface plus its
/// case in <see cref="AggregateTargets.TryCreate"/>: it answers either with a host list (queried in chunks) or with
/// label matchers the TSDB applies itself.
/// </summary>
internal interface IAggregateTarget
{
    /// <summary>The kind as the table spells it (falcon_group, endpoint, selector; grp_id for `cluster` rows).</summary>
    string Kind { get; }

    /// <summary>What the kind names: a group name or id, an endpoint pattern, a selector.</summary>
    string Name { get; }

    /// <summary>The hosts at <paramref name="stepTime"/>.</summary>
    Task<TargetHosts> ResolveAsync(IHostLists hostLists, DateTimeOffset stepTime, CancellationToken cancellationToken);
}
