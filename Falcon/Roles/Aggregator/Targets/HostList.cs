namespace Falcon.Roles.Aggregator.Targets;

/// <summary>A group's hosts; <see cref="Stale"/> when hbs failed and this is the last good answer.</summary>
internal sealed record HostList(IReadOnlyList<GroupHost> Hosts, bool Stale);

/// <summary>One member of a group, with its maintenance window in unix seconds (0, 0 when none).</summary>
internal sealed record GroupHost(string Hostname, long MaintainBegin, long MaintainEnd)
{
    /// <summary>open-falcon's rule: in maintenance while begin &lt;= t &lt;= end.</summary>
    public bool InMaintenanceAt(long unixSeconds) => MaintainBegin <= unixSeconds && unixSeconds <= MaintainEnd;
}
