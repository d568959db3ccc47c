namespace Falcon.Shared.Datacenters;

/// <summary>What one hbs last said about its agents: hostname → last heartbeat (unix seconds), null when that hbs cannot say.</summary>
internal sealed record HbsAgentCopy(string Address, IReadOnlyDictionary<string, long?> Agents, DateTimeOffset FetchedAt);
