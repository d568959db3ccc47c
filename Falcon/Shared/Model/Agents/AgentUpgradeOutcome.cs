using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Agents;

/// <summary>
/// The end of an agent's upgrade attempt that left it on its old version, as it reports it in `Agent.ReportStatus`
/// (`FalconUpgrade`), so hbs can show why instead of only "not upgraded".
/// </summary>
internal sealed class AgentUpgradeOutcome
{
    /// <summary>The attempt failed before the swap (download, checksum, signature, version check).</summary>
    public const string Failed = "failed";

    /// <summary>The agent did not try: self-upgrade is off, or the command cannot be followed here.</summary>
    public const string Refused = "refused";

    /// <summary>The new binary was swapped in but did not reach a heartbeat; the watchdog restored the old one.</summary>
    public const string RolledBack = "rolledBack";

    /// <summary>The version the attempt was for.</summary>
    [JsonPropertyName("version")]
    public string Version { get; set; } = string.Empty;

    /// <summary><see cref="Failed"/>, <see cref="Refused"/> or <see cref="RolledBack"/>.</summary>
    [JsonPropertyName("result")]
    public string Result { get; set; } = string.Empty;

    /// <summary>Why, in one line (`download of http://... answered 403 Forbidden`).</summary>
    [JsonPropertyName("reason")]
    public string Reason { get; set; } = string.Empty;

    /// <summary>When it ended (unix ms); hbs records each outcome once.</summary>
    [JsonPropertyName("at")]
    public long At { get; set; }
}
