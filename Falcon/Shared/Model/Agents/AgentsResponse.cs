using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Agents;

/// <summary>`Hbs.GetAgents` reply (the fork's model.Agents): the hostnames heartbeating to this hbs.</summary>
internal sealed class AgentsResponse
{
    [JsonPropertyName("Agent")]
    public IReadOnlyList<string> Agent { get; set; } = [];
}
