using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Agent.Upgrade;

/// <summary>The agent self-upgrade's log messages (event ids 1500-1599).</summary>
internal static partial class UpgradeLog
{
    [LoggerMessage(1500, LogLevel.Information, "upgrading from {From} to {To}: downloading {Url}")]
    public static partial void Starting(ILogger logger, string from, string to, string url);

    [LoggerMessage(1501, LogLevel.Information, "downloaded {Bytes} bytes ({WireBytes} on the wire), checksum and version {Version} verified; replacing {Binary} (previous kept as {Backup}) and restarting")]
    public static partial void Swapping(ILogger logger, long bytes, long wireBytes, string version, string binary, string backup);

    [LoggerMessage(1502, LogLevel.Error, "upgrade to {Version} failed, {Binary} is unchanged and keeps running; next attempt at this version not before {RetryAt}: {Error}")]
    public static partial void Failed(ILogger logger, string version, string binary, DateTimeOffset retryAt, string error);

    [LoggerMessage(1503, LogLevel.Warning, "upgrade command for {Version} ignored: agent.selfUpgrade is false")]
    public static partial void Disabled(ILogger logger, string version);

    [LoggerMessage(1504, LogLevel.Warning, "upgrade command for {Version} ignored: {Reason}")]
    public static partial void Ignored(ILogger logger, string version, string reason);

    [LoggerMessage(1505, LogLevel.Information, "the download for {Version} is signed by release key {KeyId}")]
    public static partial void SignatureVerified(ILogger logger, string version, string keyId);

    [LoggerMessage(1506, LogLevel.Warning, "agent.upgrade.publicKeys is empty: upgrades are checked against the command's checksum only, which whoever can write the task also chooses; see docs/upgrades.md")]
    public static partial void Unsigned(ILogger logger);

    [LoggerMessage(1507, LogLevel.Warning, "agent self-upgrade is off: this process also runs {Roles}, which an upgrade's restart would stop too; set agent.selfUpgrade: true to allow it")]
    public static partial void OffBesideServerRoles(ILogger logger, string roles);

    [LoggerMessage(1508, LogLevel.Warning, "agent self-upgrade is on in a process that also runs {Roles}: an upgrade restarts the whole process, and them with it (agent.selfUpgrade: true)")]
    public static partial void OnBesideServerRoles(ILogger logger, string roles);

    [LoggerMessage(1509, LogLevel.Warning, "restarting the whole process, {Roles} included, to {Why} (agent.selfUpgrade is true beside server roles)")]
    public static partial void RestartingServerRoles(ILogger logger, string roles, string why);

    [LoggerMessage(1510, LogLevel.Information, "upgraded to {Version}: start {Start} of at most {MaxStarts}, watchdog waits for the first successful heartbeat until {Deadline}")]
    public static partial void WatchdogPending(ILogger logger, string version, int start, int maxStarts, DateTimeOffset deadline);

    [LoggerMessage(1511, LogLevel.Information, "upgrade to {Version} confirmed by a successful heartbeat; the previous binary stays at {Backup}")]
    public static partial void WatchdogConfirmed(ILogger logger, string version, string backup);

    [LoggerMessage(1512, LogLevel.Critical, "version {Version} did not reach a successful heartbeat ({Reason}); restored the previous binary {Previous} from {Backup} and exiting so the supervisor starts it")]
    public static partial void WatchdogRestored(ILogger logger, string version, string reason, string previous, string backup);

    [LoggerMessage(1513, LogLevel.Error, "the upgrade to {Version} was rolled back by the watchdog ({Reason}); it is tried again not before {RetryAt}")]
    public static partial void RolledBackEarlier(ILogger logger, string version, string reason, DateTimeOffset retryAt);

    [LoggerMessage(1514, LogLevel.Error, "version {Version} did not reach a successful heartbeat ({Reason}) but there is no backup at {Backup} to restore; keeping it")]
    public static partial void WatchdogNoBackup(ILogger logger, string version, string reason, string backup);

    [LoggerMessage(1515, LogLevel.Warning, "the upgrade marker {Marker} cannot be used and is removed: {Error}")]
    public static partial void MarkerUnreadable(ILogger logger, string marker, string error);

    [LoggerMessage(1516, LogLevel.Information, "removed the upgrade marker for {Version}: this binary is {Current}, the swap did not happen")]
    public static partial void MarkerStale(ILogger logger, string version, string current);
}
