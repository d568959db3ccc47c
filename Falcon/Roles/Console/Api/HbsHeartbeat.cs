namespace Falcon.Roles.Console.Api;

/// <summary>An entry of hbs's `GET /agents/heartbeats`.</summary>
internal sealed class HbsHeartbeat
{
    public string Hostname { get; set; } = "";

    public string Ip { get; set; } = "";

    public string AgentVersion { get; set; } = "";

    public string PluginVersion { get; set; } = "";

    public bool Upgrading { get; set; }

    public long LastSeen { get; set; }
}
