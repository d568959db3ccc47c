namespace Falcon.Roles.Console.Api;

/// <summary>One host on the agents page: what its agent last reported to hbs, its host groups, and whether it is alive.</summary>
internal sealed class AgentRow
{
    public string Hostname { get; init; } = "";

    public string Ip { get; init; } = "";

    public string AgentVersion { get; init; } = "";

    public string PluginVersion { get; init; } = "";

    /// <summary>The last heartbeat hbs saw (unix seconds), or 0 when no hbs has heard from the agent since it started.</summary>
    public long LastHeartbeat { get; init; }

    public bool Upgrading { get; init; }

    public bool Dead { get; init; }

    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>The datacenter the host heartbeats to: null without a `datacenters` list, empty when the map does not know the host yet.</summary>
    public string? Datacenter { get; init; }
}
