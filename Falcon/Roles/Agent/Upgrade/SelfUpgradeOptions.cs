using Falcon.Shared.Configuration;


namespace Falcon.Roles.Agent.Upgrade;

/// <summary>The `agent.upgrade` section: where new binaries come from, the time allowed for each step, and the watchdog.</summary>
/// <remarks>The switch itself stays where the fork had it, `agent.selfUpgrade`, and is copied into <see cref="Enabled"/>.</remarks>
internal sealed class SelfUpgradeOptions
{
    public const string SectionName = "agent:upgrade";

    /// <summary>The configuration key of the on/off switch (`agent.selfUpgrade`).</summary>
    public const string EnabledKey = "agent:selfUpgrade";

    /// <summary>
    /// Follow upgrade commands from hbs (`agent.selfUpgrade`): true by default for an agent alone, false by default in a
    /// process that also runs server roles, whose restart would take them down too.
    /// </summary>
    internal bool Enabled { get; set; } = true;

    /// <summary>
    /// The download URL. `{wgeturl}` and `{version}` are replaced from the command, `{binfile}` by the file the command
    /// names (Falcon's `binfile`), else `bin_&lt;version&gt;` (the fork's `&lt;wgeturl&gt;/bin_&lt;version&gt;`).
    /// </summary>
    [UrlPattern("agent.upgrade.urlPattern")]
    public string UrlPattern { get; set; } = "{wgeturl}/{binfile}";

    /// <summary>
    /// Release public keys (ECDSA P-256, base64 SubjectPublicKeyInfo or PEM, as `falcon release keygen` prints). With
    /// at least one, a binary is run only when one of them verifies its signature; several allow a key rotation.
    /// </summary>
    [PublicKeys("agent.upgrade.publicKeys")]
    public IList<string> PublicKeys { get; set; } = [];

    /// <summary>The binary to replace; empty means the running executable (what systemd starts).</summary>
    public string BinaryPath { get; set; } = string.Empty;

    /// <summary>The longest a download may take, connecting included.</summary>
    [DurationRange("agent.upgrade.downloadTimeout", "00:00:01", "01:00:00")]
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A download that unpacks to more than this is refused (a wrong URL must not fill the disk).</summary>
    [KeyedRange("agent.upgrade.maxBinaryMegabytes", 1, 4096)]
    public int MaxBinaryMegabytes { get; set; } = 256;

    /// <summary>How long the new binary may take to print its version before it is refused.</summary>
    [DurationRange("agent.upgrade.versionCheckTimeout", "00:00:00.100", "00:05:00")]
    public TimeSpan VersionCheckTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Starts the new binary gets to reach its first successful heartbeat before the old one is restored.</summary>
    [KeyedRange("agent.upgrade.watchdogStarts", 1, 100)]
    public int WatchdogStarts { get; set; } = 5;

    /// <summary>Time, from the swap, the new binary gets to reach its first successful heartbeat before the old one is restored.</summary>
    [DurationRange("agent.upgrade.watchdogTime", "00:00:10", "1.00:00:00")]
    public TimeSpan WatchdogTime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>After a failed attempt at a version, the wait before it is tried again; doubles per failure up to an hour.</summary>
    [DurationRange("agent.upgrade.retryDelay", "00:00:00", "1.00:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(5);
}
