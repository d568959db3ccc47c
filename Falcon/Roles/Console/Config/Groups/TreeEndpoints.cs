using System.Globalization;
using Falcon.Roles.Console.Auth;
using Falcon.Shared.Portal;
using Microsoft.AspNetCore.Http;
using MySqlConnector;

namespace Falcon.Roles.Console.Config.Groups;

/// <summary>`GET /api/tree`: the service tree in four queries whatever the number of groups and hosts.</summary>
internal sealed class TreeEndpoints(FalconDatabases databases)
{
    public async Task<IResult> TreeAsync(HttpContext context, ConsoleCaller caller)
    {
        var cancellationToken = context.RequestAborted;
        var groups = new List<(long, string)>();
        var tags = new List<(long, string)>();
        var members = new List<(long, string)>();
        await using (var portal = await databases.Portal.OpenConnectionAsync(cancellationToken))
        {
            await ReadAsync(portal, "SELECT id, grp_name FROM grp", r => groups.Add((Id(r), r.GetString(1))), cancellationToken);
            await ReadAsync(portal, "SELECT grp_id, tag FROM falcon_grp_tag", r => tags.Add((Id(r), r.GetString(1))), cancellationToken);
            await ReadAsync(portal, "SELECT DISTINCT gh.grp_id, h.hostname FROM grp_host gh JOIN host h ON h.id = gh.host_id", r => members.Add((Id(r), r.GetString(1))), cancellationToken);
        }

        // Endpoints compare as MySQL compares hostnames: ignoring case.
        var alarms = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        await using (var connection = await databases.Alarms.OpenConnectionAsync(cancellationToken))
        {
            await ReadAsync(connection, "SELECT endpoint, COUNT(*) FROM event_cases WHERE status = 'PROBLEM' GROUP BY endpoint",
                r => alarms[r.GetString(0)] = alarms.GetValueOrDefault(r.GetString(0)) + Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture), cancellationToken);
        }

        return Results.Json(ServiceTree.Build(groups, tags, members, alarms), GroupsJsonContext.Default.TreeNode);
    }

    private static long Id(MySqlDataReader reader) => Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);

    private static async Task ReadAsync(MySqlConnection connection, string sql, Action<MySqlDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }
}
