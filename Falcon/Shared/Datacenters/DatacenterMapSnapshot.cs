namespace Falcon.Shared.Datacenters;

/// <summary>One immutable state of the map: host → placement, and each datacenter's state, swapped in whole.</summary>
internal sealed class DatacenterMapSnapshot
{
    public DatacenterMapSnapshot(IReadOnlyDictionary<string, HostPlacement> hosts, IReadOnlyList<DatacenterState> states, DateTimeOffset? builtAt)
    {
        Hosts = hosts;
        States = states;
        BuiltAt = builtAt;
    }

    public static DatacenterMapSnapshot Empty { get; } = new(new Dictionary<string, HostPlacement>(), [], null);

    public IReadOnlyDictionary<string, HostPlacement> Hosts { get; }

    public IReadOnlyList<DatacenterState> States { get; }

    /// <summary>When the snapshot was built; null before the first refresh.</summary>
    public DateTimeOffset? BuiltAt { get; }

    /// <summary>
    /// Builds the snapshot from every hbs's last good copy. Within a datacenter the copies are unioned (each hbs knows
    /// only its own agents) keeping the latest heartbeat. A host in several datacenters is placed first in the one it
    /// heartbeated to most recently, by the heartbeat times the hbs servers report (their clocks, so keep them in NTP);
    /// when a time is missing (an hbs without Falcon's Hbs.GetAgentsSeen) or equal, configuration order decides.
    /// </summary>
    public static DatacenterMapSnapshot Build(
        IReadOnlyList<Datacenter> datacenters,
        IReadOnlyDictionary<string, IReadOnlyList<HbsAgentCopy>> copies,
        IReadOnlyList<DatacenterState> states,
        DateTimeOffset builtAt)
    {
        var seen = new Dictionary<string, List<(Datacenter Dc, long? LastSeen)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var dc in datacenters)
        {
            if (!copies.TryGetValue(dc.Name, out var dcCopies))
            {
                continue;
            }

            var union = new Dictionary<string, long?>(StringComparer.OrdinalIgnoreCase);
            foreach (var copy in dcCopies)
            {
                foreach (var (host, lastSeen) in copy.Agents)
                {
                    union[host] = union.TryGetValue(host, out var known) ? Max(known, lastSeen) : lastSeen;
                }
            }

            foreach (var (host, lastSeen) in union)
            {
                if (!seen.TryGetValue(host, out var list))
                {
                    seen[host] = list = [];
                }

                list.Add((dc, lastSeen));
            }
        }

        var hosts = new Dictionary<string, HostPlacement>(seen.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (host, list) in seen)
        {
            var ordered = list.OrderByDescending(e => e.LastSeen ?? long.MinValue).ThenBy(e => e.Dc.Order).ToArray();
            var latest = ordered[0].LastSeen;
            hosts[host] = new HostPlacement(
                [.. ordered.Select(e => e.Dc)],
                latest is { } s ? DateTimeOffset.FromUnixTimeSeconds(s) : null);
        }

        return new DatacenterMapSnapshot(hosts, states, builtAt);
    }

    private static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
