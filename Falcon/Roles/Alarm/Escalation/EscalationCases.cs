using System.Globalization;
using Falcon.Shared.Portal;
using MySqlConnector;

namespace Falcon.Roles.Alarm.Escalation;

/// <summary>
/// The cases that may need escalating: the actions with steps, their templates and expressions (falcon_portal), then
/// the open, unacknowledged PROBLEM cases of those (alarms) that began inside the window where a step can be due.
/// Two databases, two connections, never joined: they may live on different servers.
/// </summary>
internal sealed class EscalationCases(FalconDatabases databases)
{
    // open-falcon's api and the console write "in progress" for an acknowledged case, "resolved" or "ignored" when a
    // person closed it: only a case nobody acted on escalates.
    private const string Open = "status = 'PROBLEM' AND (process_status IS NULL OR process_status IN ('', 'unresolved'))";

    /// <summary>
    /// The open cases of actions with steps, oldest first, that began inside the window (unix seconds) that
    /// <paramref name="window"/> gives for the shortest and the longest step delay in minutes.
    /// </summary>
    public async Task<IReadOnlyList<OpenCase>> FindAsync(Func<int, int, (long Earliest, long Latest)> window, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        var bounds = new Dictionary<long, (int Min, int Max)>();
        var templates = new Dictionary<long, long>();
        var expressions = new Dictionary<long, long>();
        await using (var portal = await databases.Portal.OpenConnectionAsync(cancellationToken))
        {
            try
            {
                await using var command = new MySqlCommand("SELECT action_id, MIN(after_minutes), MAX(after_minutes) FROM falcon_action_escalation GROUP BY action_id", portal);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    bounds[Long(reader, 0)] = ((int)Long(reader, 1), (int)Long(reader, 2));
                }
            }
            catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.NoSuchTable)
            {
                return []; // falcon_portal not migrated to Falcon's tables yet: nothing is configured to escalate
            }

            if (bounds.Count == 0)
            {
                return [];
            }

            var actions = string.Join(',', bounds.Keys.Select(static id => id.ToString(CultureInfo.InvariantCulture)));
            await PairsAsync(portal, $"SELECT id, action_id FROM tpl WHERE action_id IN ({actions})", templates, cancellationToken);
            await PairsAsync(portal, $"SELECT id, action_id FROM expression WHERE action_id IN ({actions})", expressions, cancellationToken);
        }

        if (templates.Count == 0 && expressions.Count == 0)
        {
            return [];
        }

        var (earliest, latest) = window(bounds.Values.Min(static b => b.Min), bounds.Values.Max(static b => b.Max));
        var owners = new List<string>(2);
        if (templates.Count > 0)
        {
            owners.Add($"(expression_id = 0 AND template_id IN ({string.Join(',', templates.Keys.Select(static id => id.ToString(CultureInfo.InvariantCulture)))}))");
        }

        if (expressions.Count > 0)
        {
            owners.Add($"expression_id IN ({string.Join(',', expressions.Keys.Select(static id => id.ToString(CultureInfo.InvariantCulture)))})");
        }

        await using var alarms = await databases.Alarms.OpenConnectionAsync(cancellationToken);
        await using var select = new MySqlCommand($"""
            SELECT id, endpoint, metric, func, cond, note, max_step, current_step, priority, UNIX_TIMESTAMP(`timestamp`), tpl_creator,
              strategy_id, template_id, expression_id
            FROM event_cases WHERE {Open} AND `timestamp` BETWEEN FROM_UNIXTIME(@earliest) AND FROM_UNIXTIME(@latest)
              AND ({string.Join(" OR ", owners)})
            ORDER BY `timestamp` LIMIT @limit
            """, alarms);
        select.Parameters.AddWithValue("@earliest", Math.Max(earliest, 1));
        select.Parameters.AddWithValue("@latest", Math.Max(latest, 1));
        select.Parameters.AddWithValue("@limit", limit);
        var cases = new List<OpenCase>();
        await using var rows = await select.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            var expressionId = Long(rows, 13);
            var templateId = Long(rows, 12);
            var actionId = expressionId > 0 ? expressions.GetValueOrDefault(expressionId) : templates.GetValueOrDefault(templateId);
            cases.Add(new OpenCase(
                rows.GetString(0), rows.GetString(1), rows.GetString(2), Text(rows, 3), rows.GetString(4), Text(rows, 5),
                (int)Long(rows, 6), (int)Long(rows, 7), (int)Long(rows, 8), Long(rows, 9), Text(rows, 10), Long(rows, 11),
                templateId, expressionId, actionId));
        }

        return cases;
    }

    private static async Task PairsAsync(MySqlConnection connection, string sql, Dictionary<long, long> into, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            into[Long(reader, 0)] = Long(reader, 1);
        }
    }

    private static string Text(MySqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? "" : reader.GetString(ordinal);

    private static long Long(MySqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
