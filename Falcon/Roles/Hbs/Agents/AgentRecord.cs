namespace Falcon.Roles.Hbs.Agents;

/// <summary>What an agent last reported, and when.</summary>
internal sealed record AgentRecord(
    string Hostname,
    string IP,
    string AgentVersion,
    string PluginVersion,
    bool InUpgrading,
    DateTimeOffset LastSeen)
{
    /// <summary>True when the host row would change: the fields open-falcon stores in `host` differ.</summary>
    public bool DiffersInHostRow(AgentRecord other) =>
        !string.Equals(IP, other.IP, StringComparison.Ordinal)
        || !string.Equals(AgentVersion, other.AgentVersion, StringComparison.Ordinal)
        || !string.Equals(PluginVersion, other.PluginVersion, StringComparison.Ordinal);
}
