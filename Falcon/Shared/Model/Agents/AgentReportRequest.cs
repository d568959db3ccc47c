using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Agents;

/// <summary>`Agent.ReportStatus` params: open-falcon's AgentReportRequest plus the fork's InUpgrading and Falcon's upgrade outcome.</summary>
internal sealed class AgentReportRequest
{
    [JsonPropertyName("Hostname")]
    public string Hostname { get; set; } = string.Empty;

    [JsonPropertyName("IP")]
    public string IP { get; set; } = string.Empty;

    [JsonPropertyName("AgentVersion")]
    public string AgentVersion { get; set; } = string.Empty;

    [JsonPropertyName("PluginVersion")]
    public string PluginVersion { get; set; } = string.Empty;

    /// <summary>The fork's flag: the agent is downloading or swapping a new binary and must not be sent the task again.</summary>
    [JsonPropertyName("InUpgrading")]
    public bool InUpgrading { get; set; }

    /// <summary>
    /// Falcon's extension: how the agent's last upgrade attempt ended when it did not end on the new version. Sent only
    /// when there is one; a Go hbs ignores the unknown field, and Go agents never send it.
    /// </summary>
    [JsonPropertyName("FalconUpgrade")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AgentUpgradeOutcome? Upgrade { get; set; }
}
