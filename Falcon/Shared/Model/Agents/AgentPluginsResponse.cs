using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Agents;

/// <summary>`Agent.MinePlugins` reply: plugin dirs or files relative to the agent's plugin dir, sorted and unique.</summary>
internal sealed class AgentPluginsResponse
{
    [JsonPropertyName("Plugins")]
    public IReadOnlyList<string> Plugins { get; set; } = [];

    [JsonPropertyName("Timestamp")]
    public long Timestamp { get; set; }
}
