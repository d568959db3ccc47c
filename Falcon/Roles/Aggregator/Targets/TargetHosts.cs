namespace Falcon.Roles.Aggregator.Targets;

/// <summary>
/// A resolved target: a host list, or label matchers (`endpoint=~"web-.*"`) for the TSDB to apply. Stale when hbs
/// could not be asked and the last good list is used; <see cref="InMaintenance"/> hosts were left out.
/// </summary>
internal sealed record TargetHosts(IReadOnlyList<string>? Hosts, string? Matchers, bool Stale, int InMaintenance)
{
    public static TargetHosts Of(IReadOnlyList<string> hosts, bool stale = false, int inMaintenance = 0) => new(hosts, null, stale, inMaintenance);

    public static TargetHosts Matching(string matchers) => new(null, matchers, false, 0);
}
