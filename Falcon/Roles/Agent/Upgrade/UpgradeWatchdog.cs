using Falcon.Shared.Model.Agents;
using Falcon.Shared.Releases;
using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Agent.Upgrade;

/// <summary>
/// Brings the previous binary back when a new one does not reach its first successful heartbeat within the starts and
/// the time the marker allows (agent.upgrade.watchdogStarts, agent.upgrade.watchdogTime at the swap).
/// </summary>
/// <remarks>
/// The fork had no such check: a new binary that crash-looped under systemd stayed for good. Starts are counted by the
/// agent at start-up and, for a binary that dies before it gets that far, by the supervisor's pre-start step
/// (<see cref="UpgradeWatchdogPreStart"/>); both record the start's id so one start counts once.
/// </remarks>
internal sealed class UpgradeWatchdog(
    BinaryPaths paths,
    string currentVersion,
    string startId,
    UpgradeAttempts attempts,
    TimeProvider time,
    ILogger<UpgradeWatchdog> logger)
{
    private readonly Lock _lock = new();
    private UpgradeMarker? _pending;

    public bool IsPending
    {
        get
        {
            lock (_lock)
            {
                return _pending is not null;
            }
        }
    }

    /// <summary>When the pending upgrade is given up on if no heartbeat succeeded; null when nothing is pending.</summary>
    public DateTimeOffset? Deadline
    {
        get
        {
            lock (_lock)
            {
                return _pending?.Deadline;
            }
        }
    }

    /// <summary>The id of this start: systemd's INVOCATION_ID (shared by ExecStartPre and ExecStart), else this process.</summary>
    public static string CurrentStartId() =>
        Environment.GetEnvironmentVariable("INVOCATION_ID") is { Length: > 0 } id ? id : $"pid-{Environment.ProcessId}";

    /// <summary>Counts this start in the marker; restores the backup when this binary has had its starts or its time.</summary>
    public WatchdogOutcome CheckAtStartup()
    {
        lock (_lock)
        {
            var verdict = Evaluate(paths, currentVersion, startId, time.GetUtcNow());
            var marker = verdict.Marker;
            switch (verdict.Outcome)
            {
                case WatchdogOutcome.Unreadable:
                    UpgradeLog.MarkerUnreadable(logger, paths.Marker, verdict.Reason);
                    break;
                case WatchdogOutcome.Stale:
                    UpgradeLog.MarkerStale(logger, marker!.Version, currentVersion);
                    break;
                case WatchdogOutcome.RolledBackEarlier:
                    UpgradeLog.RolledBackEarlier(logger, marker!.Version, marker.Reason, attempts.RecordFailure(
                        marker.Version, AgentUpgradeOutcome.RolledBack, $"rolled back by the watchdog: {(marker.Reason.Length > 0 ? marker.Reason : "no successful heartbeat in time")}"));
                    break;
                case WatchdogOutcome.Pending:
                    _pending = marker;
                    UpgradeLog.WatchdogPending(logger, marker!.Version, marker.Starts, marker.MaxStarts, marker.Deadline);
                    break;
                case WatchdogOutcome.RolledBack:
                    UpgradeLog.WatchdogRestored(logger, marker!.Version, verdict.Reason, marker.Previous, paths.Backup);
                    break;
                case WatchdogOutcome.NoBackup:
                    UpgradeLog.WatchdogNoBackup(logger, marker!.Version, verdict.Reason, paths.Backup);
                    break;
            }

            return verdict.Outcome;
        }
    }

    /// <summary>The first successful heartbeat: the new binary works, the marker goes (the backup stays for a manual rollback).</summary>
    public void Confirm()
    {
        lock (_lock)
        {
            if (_pending is null)
            {
                return;
            }

            BinaryDownloader.TryDelete(paths.Marker);
            UpgradeLog.WatchdogConfirmed(logger, _pending.Version, paths.Backup);
            _pending = null;
        }
    }

    /// <summary>At the deadline, while this binary still runs: restores the backup unless a heartbeat confirmed it meanwhile.</summary>
    public bool RestoreIfStillPending()
    {
        lock (_lock)
        {
            if (_pending is null)
            {
                return false;
            }

            var marker = _pending;
            _pending = null;
            var verdict = Restore(paths, marker, $"no successful heartbeat by {marker.Deadline:u}");
            if (verdict.Outcome == WatchdogOutcome.RolledBack)
            {
                UpgradeLog.WatchdogRestored(logger, marker.Version, verdict.Reason, marker.Previous, paths.Backup);
                return true;
            }

            UpgradeLog.WatchdogNoBackup(logger, marker.Version, verdict.Reason, paths.Backup);
            return false;
        }
    }

    /// <summary>
    /// The start-up rule, on the files only. <paramref name="runningVersion"/> is null in the supervisor's pre-start
    /// step, which runs the backup binary and so cannot tell which version is about to start.
    /// </summary>
    internal static WatchdogVerdict Evaluate(BinaryPaths paths, string? runningVersion, string startId, DateTimeOffset now)
    {
        UpgradeMarker? marker;
        try
        {
            marker = UpgradeMarker.Read(paths.Marker);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            BinaryDownloader.TryDelete(paths.Marker);
            return new WatchdogVerdict(WatchdogOutcome.Unreadable, null, e.Message);
        }

        if (marker is null)
        {
            return new WatchdogVerdict(WatchdogOutcome.None, null);
        }

        if (marker.RolledBack)
        {
            // Left for the restored binary itself, which holds the failed version off before removing the marker.
            if (runningVersion is not null)
            {
                BinaryDownloader.TryDelete(paths.Marker);
            }

            return new WatchdogVerdict(runningVersion is null ? WatchdogOutcome.None : WatchdogOutcome.RolledBackEarlier, marker);
        }

        if (runningVersion is not null && !ReleaseVersion.AreSame(marker.Version, runningVersion))
        {
            BinaryDownloader.TryDelete(paths.Marker);
            return new WatchdogVerdict(WatchdogOutcome.Stale, marker);
        }

        var counted = marker.LastStart == startId ? marker : marker with { Starts = marker.Starts + 1, LastStart = startId };
        if (counted.Starts > counted.MaxStarts)
        {
            return Restore(paths, counted, $"{counted.MaxStarts} starts used up");
        }

        if (now >= counted.Deadline)
        {
            return Restore(paths, counted, $"no successful heartbeat by {counted.Deadline:u}");
        }

        counted.Write(paths);
        return new WatchdogVerdict(WatchdogOutcome.Pending, counted);
    }

    private static WatchdogVerdict Restore(BinaryPaths paths, UpgradeMarker marker, string reason)
    {
        if (!File.Exists(paths.Backup))
        {
            BinaryDownloader.TryDelete(paths.Marker);
            return new WatchdogVerdict(WatchdogOutcome.NoBackup, marker, reason);
        }

        BinarySwap.Restore(paths);
        // Kept, marked: the restored binary reads it at its start and holds this version off for a while.
        (marker with { RolledBack = true, Reason = reason }).Write(paths);
        return new WatchdogVerdict(WatchdogOutcome.RolledBack, marker, reason);
    }
}
