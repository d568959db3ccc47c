using System.Data.Common;
using System.Globalization;
using System.Text;
using Falcon.Shared.Portal;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace Falcon.Roles.Alarm.Search;

/// <summary>
/// Reads alarms.event_cases and alarms.events with parameterised SQL only: every value a caller gives is a parameter,
/// and LIKE patterns escape %, _ and the escape character itself. Times are compared as UNIX_TIMESTAMP in the session's
/// zone, the zone the alarm wrote them in, so they come back as the instants that were written.
/// </summary>
internal sealed class AlarmCaseStore(FalconDatabases databases, IOptions<AlarmSearchOptions> options)
{
    // The time a case last changed; the order of the results and the key of the cursor.
    private const string Updated = "UNIX_TIMESTAMP(COALESCE(update_at, `timestamp`))";

    private const string CaseColumns =
        "id, endpoint, metric, func, cond, note, max_step, current_step, priority, status, UNIX_TIMESTAMP(`timestamp`), " +
        "UNIX_TIMESTAMP(update_at), UNIX_TIMESTAMP(closed_at), process_status, tpl_creator, strategy_id, template_id, expression_id, " + Updated;

    /// <summary>One page of cases, newest first, and the cursor after it (null when there is no more).</summary>
    public async Task<(List<AlarmCase> Cases, AlarmSearchCursor? Next)> SearchAsync(
        AlarmSearchQuery query, VisibleAlarms visible, Func<long, long, long> actionOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(visible);
        if (visible.None)
        {
            return ([], null);
        }

        await using var connection = await databases.Alarms.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand { Connection = connection };
        var where = new List<string>();
        AddVisibility(command, where, visible);
        AddFilters(command, where, query);
        var sql = new StringBuilder("SELECT ").Append(CaseColumns).Append(" FROM event_cases");
        if (where.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", where);
        }

        sql.Append(" ORDER BY 19 DESC, id DESC LIMIT @limit");
        command.Parameters.AddWithValue("@limit", query.Limit + 1);
        command.CommandText = sql.ToString();

        var cases = new List<AlarmCase>();
        var updated = new List<long>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                cases.Add(ReadCase(reader, actionOf));
                updated.Add(Long(reader, 18));
            }
        }

        AlarmSearchCursor? next = null;
        if (cases.Count > query.Limit)
        {
            cases.RemoveAt(cases.Count - 1);
            next = new AlarmSearchCursor(updated[cases.Count - 1], cases[^1].Id);
        }

        if (query.IncludeEvents && cases.Count > 0)
        {
            var events = await EventsAsync(connection, cases.Select(c => c.Id).ToArray(), options.Value.MaxEventsPerCase, cancellationToken);
            foreach (var c in cases)
            {
                c.Events = events.TryGetValue(c.Id, out var list) ? list : [];
            }
        }

        return (cases, next);
    }

    /// <summary>The case with this id, or null.</summary>
    public async Task<AlarmCase?> GetAsync(string id, Func<long, long, long> actionOf, CancellationToken cancellationToken)
    {
        await using var connection = await databases.Alarms.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand($"SELECT {CaseColumns} FROM event_cases WHERE id = @id", connection);
        command.Parameters.AddWithValue("@id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadCase(reader, actionOf) : null;
    }

    /// <summary>The case's events, newest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<AlarmCaseEvent>> EventsAsync(string caseId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await databases.Alarms.OpenConnectionAsync(cancellationToken);
        var events = await EventsAsync(connection, [caseId], limit, cancellationToken);
        return events.TryGetValue(caseId, out var list) ? list : [];
    }

    /// <summary>`x` with LIKE's wildcards and the escape character escaped (ESCAPE '!').</summary>
    public static string EscapeLike(string value) =>
        value.Replace("!", "!!", StringComparison.Ordinal).Replace("%", "!%", StringComparison.Ordinal).Replace("_", "!_", StringComparison.Ordinal);

    private static void AddVisibility(MySqlCommand command, List<string> where, VisibleAlarms visible)
    {
        if (visible.All)
        {
            return;
        }

        // As open-falcon routes: an expression's case by its expression, a strategy's by its template.
        var parts = new List<string>();
        if (visible.ExpressionIds.Count > 0)
        {
            parts.Add($"expression_id IN ({InList(command, "@e", visible.ExpressionIds)})");
        }

        if (visible.TemplateIds.Count > 0)
        {
            parts.Add($"(COALESCE(expression_id, 0) = 0 AND template_id IN ({InList(command, "@t", visible.TemplateIds)}))");
        }

        where.Add("(" + string.Join(" OR ", parts) + ")");
    }

    private static void AddFilters(MySqlCommand command, List<string> where, AlarmSearchQuery query)
    {
        if (query.Endpoint is { } endpoint)
        {
            if (endpoint.EndsWith('*'))
            {
                where.Add("endpoint LIKE @endpoint ESCAPE '!'");
                command.Parameters.AddWithValue("@endpoint", EscapeLike(endpoint[..^1]) + "%");
            }
            else
            {
                where.Add("endpoint = @endpoint");
                command.Parameters.AddWithValue("@endpoint", endpoint);
            }
        }

        if (query.Metric is { } metric)
        {
            if (metric.EndsWith('*'))
            {
                where.Add("metric LIKE @metric ESCAPE '!'");
                command.Parameters.AddWithValue("@metric", EscapeLike(metric[..^1]) + "%");
            }
            else
            {
                // "cpu.idle" is also "cpu.idle/core=1": event_cases.metric carries the tags after a slash.
                where.Add("(metric = @metric OR metric LIKE @metricTagged ESCAPE '!')");
                command.Parameters.AddWithValue("@metric", metric);
                command.Parameters.AddWithValue("@metricTagged", EscapeLike(metric) + "/%");
            }
        }

        if (query.Status is { } status)
        {
            where.Add("status = @status");
            command.Parameters.AddWithValue("@status", status);
        }

        if (query.Priorities.Count > 0)
        {
            where.Add($"priority IN ({InList(command, "@p", query.Priorities.Select(p => (long)p).ToArray())})");
        }

        if (query.From is { } from)
        {
            where.Add($"{Updated} >= @from");
            command.Parameters.AddWithValue("@from", from);
        }

        if (query.To is { } to)
        {
            where.Add("UNIX_TIMESTAMP(`timestamp`) <= @to");
            command.Parameters.AddWithValue("@to", to);
        }

        if (query.Text is { } text)
        {
            where.Add("(id LIKE @q ESCAPE '!' OR endpoint LIKE @q ESCAPE '!' OR metric LIKE @q ESCAPE '!' OR note LIKE @q ESCAPE '!' " +
                      "OR func LIKE @q ESCAPE '!' OR cond LIKE @q ESCAPE '!' OR tpl_creator LIKE @q ESCAPE '!')");
            command.Parameters.AddWithValue("@q", "%" + EscapeLike(text) + "%");
        }

        if (query.After is { } after)
        {
            where.Add($"({Updated} < @afterUpdated OR ({Updated} = @afterUpdated AND id < @afterId))");
            command.Parameters.AddWithValue("@afterUpdated", after.Updated);
            command.Parameters.AddWithValue("@afterId", after.Id);
        }
    }

    private static string InList(MySqlCommand command, string prefix, IReadOnlyList<long> values)
    {
        var names = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            names[i] = prefix + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(names[i], values[i]);
        }

        return string.Join(", ", names);
    }

    private static async Task<Dictionary<string, List<AlarmCaseEvent>>> EventsAsync(
        MySqlConnection connection, string[] caseIds, int perCase, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand { Connection = connection };
        var names = new string[caseIds.Length];
        for (var i = 0; i < caseIds.Length; i++)
        {
            names[i] = "@c" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(names[i], caseIds[i]);
        }

        command.CommandText =
            $"SELECT id, event_caseId, step, cond, status, UNIX_TIMESTAMP(`timestamp`) FROM events WHERE event_caseId IN ({string.Join(", ", names)}) ORDER BY event_caseId, id DESC";
        var byCase = new Dictionary<string, List<AlarmCaseEvent>>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var caseId = reader.GetString(1);
            if (!byCase.TryGetValue(caseId, out var list))
            {
                byCase[caseId] = list = [];
            }

            if (list.Count < perCase)
            {
                list.Add(new AlarmCaseEvent
                {
                    Id = Long(reader, 0),
                    Step = (int)Long(reader, 2),
                    Cond = reader.GetString(3),
                    Status = Long(reader, 4) == 1 ? "OK" : "PROBLEM",
                    Timestamp = Time(reader, 5),
                });
            }
        }

        return byCase;
    }

    private static AlarmCase ReadCase(DbDataReader reader, Func<long, long, long> actionOf)
    {
        var templateId = Long(reader, 16);
        var expressionId = Long(reader, 17);
        return new AlarmCase
        {
            Id = reader.GetString(0),
            Endpoint = reader.GetString(1),
            Metric = reader.GetString(2),
            Func = Text(reader, 3),
            Cond = reader.GetString(4),
            Note = Text(reader, 5),
            MaxStep = (int)Long(reader, 6),
            CurrentStep = (int)Long(reader, 7),
            Priority = (int)Long(reader, 8),
            Status = reader.GetString(9),
            Timestamp = Time(reader, 10) ?? DateTimeOffset.UnixEpoch,
            UpdateAt = Time(reader, 11),
            ClosedAt = Time(reader, 12),
            ProcessStatus = Text(reader, 13),
            TplCreator = Text(reader, 14),
            StrategyId = Long(reader, 15),
            TemplateId = templateId,
            ExpressionId = expressionId,
            ActionId = actionOf(templateId, expressionId),
        };
    }

    private static string Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? "" : reader.GetString(ordinal);

    private static long Long(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    // UNIX_TIMESTAMP gives 0 for a zero date and NULL for NULL: both are "no time".
    private static DateTimeOffset? Time(DbDataReader reader, int ordinal) =>
        Long(reader, ordinal) is var seconds && seconds > 0 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}
