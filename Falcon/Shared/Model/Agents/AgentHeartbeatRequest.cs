using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Agents;

/// <summary>`Agent.MinePlugins` and `Agent.BuiltinMetrics` params.</summary>
internal sealed class AgentHeartbeatRequest
{
    [JsonPropertyName("Hostname")]
    public string Hostname { get; set; } = string.Empty;

    /// <summary>The checksum of the builtin metrics the agent has (`"nil"` on its first call); unused by MinePlugins.</summary>
    [JsonPropertyName("Checksum")]
    public string Checksum { get; set; } = string.Empty;
}
