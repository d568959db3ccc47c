using System.Globalization;
using StackExchange.Redis;

namespace Falcon.Roles.Hbs.Upgrade;

internal sealed partial class UpgradeCoordinator
{
    /// <summary>Counts across every hbs instance and the failed hosts; frees slots past their deadline first so the counts are current.</summary>
    public async Task<UpgradeStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var db = await _redis.GetDatabaseAsync(cancellationToken);
        var reply = (RedisResult[])(await db.ScriptEvaluateAsync(UpgradeScripts.Status, _keys.All, CommonArgs(string.Empty, nowMs)))!;
        var swept = (long)reply[5];
        if (swept > 0)
        {
            _metrics.SlotsExpired(swept);
            Log.SlotsExpired(_logger, swept);
        }

        var fields = (RedisResult[])reply[6]!;
        var hash = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            hash[fields[i].ToString()] = fields[i + 1].ToString();
        }

        var task = hash.Count == 0 ? null : UpgradeTask.FromHash(hash);
        var status = new UpgradeStatus
        {
            MaxConcurrent = _options.MaxConcurrent,
            InFlight = (long)reply[0],
            Done = (long)reply[1],
            Failed = (long)reply[2],
            Remaining = (long)reply[3],
            CanaryWaiting = (long)reply[4],
            FailedAttempts = reply.Length > 7 ? (long)reply[7] : 0,
        };
        if (task is null)
        {
            return status;
        }

        status.State = UpgradeTask.StateName(task.State);
        status.Version = task.Args.Version;
        status.Phase = task.CanaryMode != 0 && !task.CanaryComplete ? "canary" : "rollout";
        status.Reason = task.Reason;
        status.Created = task.Created.ToUnixTimeSeconds();
        if (status.Failed > 0)
        {
            await foreach (var entry in db.HashScanAsync(_keys.Failed, pageSize: 500).WithCancellation(cancellationToken))
            {
                status.FailedHosts.Add(ParseFailedHost(entry));
                if (status.FailedHosts.Count >= MaxFailedHostsListed)
                {
                    break;
                }
            }

            status.FailedHosts = [.. status.FailedHosts.OrderBy(h => h.Hostname, StringComparer.Ordinal)];
        }

        await FillHostsAsync(db, status, cancellationToken);
        return status;
    }

    // Written by the scripts as `attempts|unix ms|error`.
    private static UpgradeFailedHost ParseFailedHost(HashEntry entry)
    {
        var parts = entry.Value.ToString().Split('|', 3);
        return new UpgradeFailedHost
        {
            Hostname = entry.Name.ToString(),
            Attempts = parts.Length > 0 && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var attempts) ? attempts : 0,
            FailedAt = parts.Length > 1 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var at) ? at / 1000 : 0,
            Error = parts.Length > 2 ? parts[2] : string.Empty,
        };
    }
}
