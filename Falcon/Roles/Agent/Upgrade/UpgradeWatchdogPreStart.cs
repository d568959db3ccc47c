namespace Falcon.Roles.Agent.Upgrade;

/// <summary>
/// The supervisor's pre-start step, for a new binary that dies before its own watchdog check runs (it crashes at once,
/// or rejects the configuration): run by the known-good backup before each start, it counts the start and restores
/// the backup when the new binary has used up its starts or its time.
/// </summary>
/// <remarks>systemd: `ExecStartPre=-/opt/falcon/falcon.bak upgrade watchdog --binary /opt/falcon/falcon`. The leading
/// `-` makes a missing backup (no upgrade yet) harmless.</remarks>
internal static class UpgradeWatchdogPreStart
{
    /// <summary>Runs the step for <paramref name="binary"/> as start <paramref name="startId"/> (<see cref="UpgradeWatchdog.CurrentStartId"/>); prints one line when it did something; returns the exit code.</summary>
    public static int Run(string binary, string startId, TextWriter output, TextWriter error)
    {
        try
        {
            var paths = new BinaryPaths(binary);
            var verdict = UpgradeWatchdog.Evaluate(paths, runningVersion: null, startId, DateTimeOffset.UtcNow);
            var marker = verdict.Marker;
            switch (verdict.Outcome)
            {
                case WatchdogOutcome.Pending:
                    output.WriteLine($"upgrade watchdog: {paths.Binary} ({marker!.Version}) start {marker.Starts} of at most {marker.MaxStarts}, until {marker.Deadline:u}");
                    break;
                case WatchdogOutcome.RolledBack:
                    output.WriteLine($"upgrade watchdog: {marker!.Version} did not reach a successful heartbeat ({verdict.Reason}); restored {marker.Previous} from {paths.Backup}");
                    break;
                case WatchdogOutcome.NoBackup:
                    error.WriteLine($"upgrade watchdog: {marker!.Version} did not reach a successful heartbeat ({verdict.Reason}) but {paths.Backup} is missing; keeping it");
                    break;
                case WatchdogOutcome.Unreadable:
                    error.WriteLine($"upgrade watchdog: removed the unreadable marker {paths.Marker}: {verdict.Reason}");
                    break;
            }

            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"upgrade watchdog: {e.Message}");
            return 1;
        }
    }

    /// <summary>The binary a backup guards: `falcon.bak` guards `falcon` beside it.</summary>
    public static string DefaultBinary(string runningExecutable) =>
        runningExecutable.EndsWith(".bak", StringComparison.Ordinal) ? runningExecutable[..^4] : runningExecutable;
}
