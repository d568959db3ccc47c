using System.Collections.Concurrent;
using Falcon.Shared.Model.Agents;

namespace Falcon.Roles.Hbs.Agents;

/// <summary>The agents heartbeating to this hbs instance, in memory; the host table is written behind it.</summary>
internal sealed class AgentRegistry
{
    private readonly ConcurrentDictionary<string, AgentRecord> _agents = new(StringComparer.Ordinal);

    public int Count => _agents.Count;

    /// <summary>Records a heartbeat; returns the record when the host row must be written (new agent, or IP or versions changed).</summary>
    public AgentRecord? Record(AgentReportRequest request, DateTimeOffset now)
    {
        var record = new AgentRecord(request.Hostname, request.IP ?? string.Empty, request.AgentVersion ?? string.Empty,
            request.PluginVersion ?? string.Empty, request.InUpgrading, now);
        // Get-then-swap rather than AddOrUpdate: its two callbacks would capture `changed`, three allocations per heartbeat.
        while (true)
        {
            if (_agents.TryGetValue(record.Hostname, out var previous))
            {
                if (_agents.TryUpdate(record.Hostname, record, previous))
                {
                    return previous.DiffersInHostRow(record) ? record : null;
                }
            }
            else if (_agents.TryAdd(record.Hostname, record))
            {
                return record;
            }
        }
    }

    public bool TryGet(string hostname, out AgentRecord? record) => _agents.TryGetValue(hostname, out record);

    /// <summary>Every agent this hbs has heard from (and not evicted), by hostname.</summary>
    public IReadOnlyList<AgentRecord> Records() => _agents.Values.OrderBy(r => r.Hostname, StringComparer.Ordinal).ToArray();

    /// <summary>The hostnames heartbeating here, sorted (open-falcon's /agents and the fork's Hbs.GetAgents).</summary>
    public IReadOnlyList<string> Hostnames() => _agents.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The agents heartbeating here with their last heartbeat (unix seconds), sorted by hostname (Hbs.GetAgentsSeen).</summary>
    public IReadOnlyList<AgentSeen> Seen() =>
        _agents.Values
            .OrderBy(a => a.Hostname, StringComparer.Ordinal)
            .Select(a => new AgentSeen { Hostname = a.Hostname, LastSeen = a.LastSeen.ToUnixTimeSeconds() })
            .ToArray();

    /// <summary>hostname → reported agent version (the fork's /agentversions).</summary>
    public IReadOnlyDictionary<string, string> Versions() =>
        _agents.Values.ToDictionary(a => a.Hostname, a => a.AgentVersion, StringComparer.Ordinal);

    /// <summary>Drops agents silent since before <paramref name="cutoff"/>; returns how many.</summary>
    public int EvictSilentSince(DateTimeOffset cutoff)
    {
        var evicted = 0;
        foreach (var (hostname, record) in _agents)
        {
            if (record.LastSeen < cutoff && _agents.TryRemove(new KeyValuePair<string, AgentRecord>(hostname, record)))
            {
                evicted++;
            }
        }

        return evicted;
    }
}
