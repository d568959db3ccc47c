using System.Text.Json.Serialization;
using Falcon.Roles.Hbs.Agents;

namespace Falcon.Roles.Hbs.Http;

/// <summary>`GET /agents/heartbeats`: one agent's last report to this hbs (lastSeen in unix seconds).</summary>
internal sealed record AgentHeartbeat(
    [property: JsonPropertyName("hostname")] string Hostname,
    [property: JsonPropertyName("ip")] string IP,
    [property: JsonPropertyName("agentVersion")] string AgentVersion,
    [property: JsonPropertyName("pluginVersion")] string PluginVersion,
    [property: JsonPropertyName("upgrading")] bool Upgrading,
    [property: JsonPropertyName("lastSeen")] long LastSeen)
{
    public static AgentHeartbeat From(AgentRecord record) =>
        new(record.Hostname, record.IP, record.AgentVersion, record.PluginVersion, record.InUpgrading, record.LastSeen.ToUnixTimeSeconds());
}
