namespace Falcon.Roles.Aggregator.Targets;

/// <summary>The hosts of a host group by name (Falcon aggregates, the fork's `falcon_group` poly_metric rows).</summary>
internal sealed class GroupNameTarget(string name) : IAggregateTarget
{
    public const string KindName = Falcon.Shared.Model.Aggregates.AggregateRules.GroupKind;

    public string Kind => KindName;

    public string Name => name;

    public async Task<TargetHosts> ResolveAsync(IHostLists hostLists, DateTimeOffset stepTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hostLists);
        var list = await hostLists.ByNameAsync(name, cancellationToken).ConfigureAwait(false);
        return TargetHosts.Of([.. list.Hosts.Select(static h => h.Hostname)], list.Stale);
    }
}

/// <summary>The hosts of a host group by id, those in maintenance at the step left out: the `cluster` table's grp_id.</summary>
internal sealed class GroupIdTarget(long groupId) : IAggregateTarget
{
    public const string KindName = "grp_id";

    public string Kind => KindName;

    public string Name => groupId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task<TargetHosts> ResolveAsync(IHostLists hostLists, DateTimeOffset stepTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hostLists);
        var list = await hostLists.ByIdAsync(groupId, cancellationToken).ConfigureAwait(false);
        var at = stepTime.ToUnixTimeSeconds();
        var kept = list.Hosts.Where(h => !h.InMaintenanceAt(at)).Select(static h => h.Hostname).ToArray();
        return TargetHosts.Of(kept, list.Stale, list.Hosts.Count - kept.Length);
    }
}
