using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Agents;

/// <summary>One agent of <see cref="AgentsSeenResponse"/>: its hostname and its last heartbeat (unix seconds, the hbs's clock).</summary>
internal sealed class AgentSeen
{
    [JsonPropertyName("Hostname")]
    public string Hostname { get; set; } = "";

    [JsonPropertyName("LastSeen")]
    public long LastSeen { get; set; }
}
