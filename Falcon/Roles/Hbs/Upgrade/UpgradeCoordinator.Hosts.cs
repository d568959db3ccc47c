using System.Globalization;
using StackExchange.Redis;

namespace Falcon.Roles.Hbs.Upgrade;

internal sealed partial class UpgradeCoordinator
{
    /// <summary>At most this many hosts are listed one by one in the status (the counts are always complete).</summary>
    public const int MaxHostsListed = 1000;

    // Hashes read whole for the per-host view; beyond this a fleet is summarised by its counts.
    private const int MaxHostsScanned = 100_000;

    private static readonly string[] StateOrder =
        [UpgradeHostStatus.GivenUp, UpgradeHostStatus.RolledBack, UpgradeHostStatus.Failed, UpgradeHostStatus.Refused, UpgradeHostStatus.InFlight, UpgradeHostStatus.Upgraded];

    // The per-host view: outcomes, given-up hosts, slots and done hosts, read after the counts (one status call; a
    // host moving meanwhile shows in its state of a moment later, which the next call corrects).
    private async Task FillHostsAsync(IDatabase db, UpgradeStatus status, CancellationToken cancellationToken)
    {
        var hosts = new Dictionary<string, UpgradeHostStatus>(StringComparer.Ordinal);
        await foreach (var entry in db.HashScanAsync(_keys.Outcomes, pageSize: 500).WithCancellation(cancellationToken))
        {
            var parts = entry.Value.ToString().Split('|', 3);
            var result = parts[0];
            status.RolledBack += result == "rolledBack" ? 1 : 0;
            if (hosts.Count < MaxHostsScanned)
            {
                hosts[entry.Name.ToString()] = new UpgradeHostStatus
                {
                    Hostname = entry.Name.ToString(),
                    State = result switch { "rolledBack" => UpgradeHostStatus.RolledBack, "refused" => UpgradeHostStatus.Refused, _ => UpgradeHostStatus.Failed },
                    At = parts.Length > 1 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var at) ? at / 1000 : 0,
                    Reason = parts.Length > 2 ? parts[2] : string.Empty,
                };
            }
        }

        foreach (var failed in status.FailedHosts)
        {
            var host = hosts.TryGetValue(failed.Hostname, out var known) ? known : hosts[failed.Hostname] = new UpgradeHostStatus { Hostname = failed.Hostname, Reason = failed.Error, At = failed.FailedAt };
            host.State = UpgradeHostStatus.GivenUp;
        }

        var slotMs = (long)_options.SlotTimeout.TotalMilliseconds;
        foreach (var slot in await db.SortedSetRangeByRankWithScoresAsync(_keys.Slots, 0, MaxHostsListed - 1))
        {
            var name = slot.Element.ToString();
            var host = hosts.TryGetValue(name, out var known) ? known : hosts[name] = new UpgradeHostStatus { Hostname = name };
            // A new attempt after a failed one: in flight again, the last failure's reason kept.
            host.State = UpgradeHostStatus.InFlight;
            host.At = ((long)slot.Score - slotMs) / 1000;
        }

        await foreach (var done in db.SetScanAsync(_keys.Done, pageSize: 500).WithCancellation(cancellationToken))
        {
            if (hosts.Count >= MaxHostsScanned)
            {
                break;
            }

            hosts.TryAdd(done.ToString(), new UpgradeHostStatus { Hostname = done.ToString(), State = UpgradeHostStatus.Upgraded });
        }

        var listed = hosts.Values
            .OrderBy(h => Array.IndexOf(StateOrder, h.State))
            .ThenBy(h => h.Hostname, StringComparer.Ordinal)
            .Take(MaxHostsListed)
            .ToList();
        await FillAttemptsAsync(db, listed);
        status.Hosts = listed;
        status.HostsTruncated = hosts.Count > listed.Count || status.Done + status.FailedAttempts + status.InFlight > listed.Count;
    }

    private async Task FillAttemptsAsync(IDatabase db, List<UpgradeHostStatus> hosts)
    {
        if (hosts.Count == 0)
        {
            return;
        }

        var names = hosts.Select(h => (RedisValue)h.Hostname).ToArray();
        var attempts = await db.HashGetAsync(_keys.Attempts, names);
        var retry = await db.HashGetAsync(_keys.Retry, names);
        for (var i = 0; i < hosts.Count; i++)
        {
            hosts[i].Attempts = attempts[i].TryParse(out int n) ? n : 0;
            hosts[i].RetryAt = hosts[i].State is UpgradeHostStatus.Failed or UpgradeHostStatus.Refused or UpgradeHostStatus.RolledBack && retry[i].TryParse(out long at) ? at / 1000 : 0;
        }
    }
}
