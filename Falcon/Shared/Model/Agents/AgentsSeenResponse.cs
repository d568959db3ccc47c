using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Agents;

/// <summary>Falcon's `Hbs.GetAgentsSeen` reply: the agents heartbeating to this hbs with the time of each one's last heartbeat.</summary>
internal sealed class AgentsSeenResponse
{
    [JsonPropertyName("Agents")]
    public IReadOnlyList<AgentSeen> Agents { get; set; } = [];
}
