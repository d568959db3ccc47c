using System.Globalization;
using System.Text.Json;
using Falcon.Roles.Console.Auth;
using Falcon.Shared.Datacenters;
using Falcon.Shared.Portal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace Falcon.Roles.Console.Api;

/// <summary>
/// `GET /api/agents`: every host of falcon_portal.host with its groups, joined with what hbs's agents reported
/// (version, last heartbeat), and, when `datacenters` are configured, the datacenter each host heartbeats to (from the
/// endpoint → datacenter map apiproxy uses). A host no heartbeat has come from for console.agentDeadAfter is dead.
/// </summary>
internal sealed class AgentEndpoints(Upstream upstream, FalconDatabases databases, DatacenterMap? datacenters, IOptions<ConsoleOptions> options, TimeProvider timeProvider)
{
    public async Task<IResult> ListAsync(HttpContext context, ConsoleCaller caller)
    {
        var (status, body) = await upstream.SendAsync(upstream.Hbs, HttpMethod.Get, "agents/heartbeats", null, null, context.RequestAborted);
        if (status != StatusCodes.Status200OK)
        {
            return ConsoleResults.Raw(status == StatusCodes.Status404NotFound ? StatusCodes.Status502BadGateway : status, body);
        }

        var beats = (JsonSerializer.Deserialize(body, ConsoleJsonContext.Default.HbsHeartbeats)?.Data ?? [])
            .ToDictionary(b => b.Hostname, StringComparer.Ordinal);
        var hosts = new Dictionary<string, (string Ip, string Agent, string Plugin, List<string> Groups)>(StringComparer.Ordinal);
        await using (var connection = await databases.Portal.OpenConnectionAsync(context.RequestAborted))
        await using (var command = new MySqlCommand(
            "SELECT h.hostname, h.ip, h.agent_version, h.plugin_version, g.grp_name FROM host h LEFT JOIN grp_host gh ON gh.host_id = h.id LEFT JOIN grp g ON g.id = gh.grp_id",
            connection))
        {
            await using var reader = await command.ExecuteReaderAsync(context.RequestAborted);
            while (await reader.ReadAsync(context.RequestAborted))
            {
                var name = reader.GetString(0);
                if (!hosts.TryGetValue(name, out var host))
                {
                    host = (reader.GetString(1), reader.GetString(2), reader.GetString(3), []);
                    hosts[name] = host;
                }

                if (!reader.IsDBNull(4))
                {
                    host.Groups.Add(reader.GetString(4));
                }
            }
        }

        var cutoff = (timeProvider.GetUtcNow() - options.Value.AgentDeadAfter).ToUnixTimeSeconds();
        var rows = hosts.Keys.Union(beats.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(name =>
        {
            hosts.TryGetValue(name, out var host);
            beats.TryGetValue(name, out var beat);
            return new AgentRow
            {
                Hostname = name,
                Ip = beat?.Ip ?? host.Ip ?? "",
                AgentVersion = beat?.AgentVersion ?? host.Agent ?? "",
                PluginVersion = beat?.PluginVersion ?? host.Plugin ?? "",
                LastHeartbeat = beat?.LastSeen ?? 0,
                Upgrading = beat?.Upgrading ?? false,
                Dead = beat is null || beat.LastSeen < cutoff,
                Groups = host.Groups ?? [],
                Datacenter = datacenters is null ? null : datacenters.Current(name)?.Name ?? "",
            };
        }).ToArray();
        context.Response.Headers["X-Dead-After-Seconds"] = options.Value.AgentDeadAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        return Results.Json(rows, ConsoleJsonContext.Default.AgentRowArray);
    }
}
