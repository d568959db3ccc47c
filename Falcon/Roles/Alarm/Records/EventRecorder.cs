using System.Globalization;
using System.Text;
using Falcon.Roles.Alarm.Consumption;
using Falcon.Shared.Portal;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace Falcon.Roles.Alarm.Records;

/// <summary>
/// Writes events into the alarms database as open-falcon does (alarm/model/event/event_operation.go): the case row in
/// event_cases, inserted or updated, and one row per event in events. Batched without INSERT ... ON DUPLICATE KEY
/// UPDATE (MySQL bug #58637): one SELECT of the existing cases, one round trip of UPDATEs, one multi-row INSERT, and
/// per-row INSERT-then-UPDATE only when that INSERT lost a race (error 1062, and only that). A batch is one
/// transaction, so a failed batch leaves nothing and is retried whole; events already in the events table (a batch
/// retried after its commit, events taken back after a crash or from a stopped instance) are not written again, so
/// each event is recorded once.
/// </summary>
internal sealed class EventRecorder(FalconDatabases databases, ILogger<EventRecorder> logger)
{
    private const string CaseColumns =
        "id, endpoint, metric, func, cond, note, max_step, current_step, priority, status, timestamp, update_at, tpl_creator, expression_id, strategy_id, template_id";

    // process_note is set before process_status: MySQL applies SET assignments left to right, and the test must see the old status.
    private const string UpdateSql = """
        UPDATE event_cases SET update_at = @t, max_step = @max_step, current_step = @current_step, note = @note, cond = @cond,
          status = @status, func = @func, priority = @priority, tpl_creator = @tpl_creator, expression_id = @expression_id,
          strategy_id = @strategy_id, template_id = @template_id,
          timestamp = IF(@current_step = 1, @t, timestamp),
          process_note = IF(process_status IN ('resolved', 'ignored'), 0, process_note),
          process_status = IF(process_status IN ('resolved', 'ignored'), 'unresolved', process_status)
        WHERE id = @id
        """;

    /// <summary>Records the events of one batch, in order; returns how many events rows were written.</summary>
    public async Task<int> RecordAsync(IReadOnlyList<ConsumedEvent> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        var rows = batch.Select(static e => EventCaseRow.From(e.Event)).ToList();
        await using var connection = await databases.Alarms.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var cases = 0;
        var inserted = 0;
        // A case written twice in one batch (PROBLEM then OK) is written in rounds, each holding a case at most once, in order.
        foreach (var round in Rounds(rows))
        {
            inserted += await WriteCasesAsync(connection, transaction, round, cancellationToken);
            cases += round.Count;
        }

        // Only now, holding every case row of the batch, look for events already written: a writer of the same case (an
        // instance that was taken over but still ran) has committed by the time its row lock was released to us.
        var skip = await AlreadyRecordedAsync(connection, transaction, rows, cancellationToken);
        var events = rows.Where(r => !skip.Remove(EventKey(r))).ToList();
        await InsertEventsAsync(connection, transaction, events, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        ConsumptionLog.Recorded(logger, cases, inserted, events.Count, rows.Count - events.Count);
        return events.Count;
    }

    private static List<List<EventCaseRow>> Rounds(IEnumerable<EventCaseRow> rows)
    {
        var rounds = new List<List<EventCaseRow>>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            var round = seen.TryGetValue(row.Id, out var n) ? n + 1 : 0;
            seen[row.Id] = round;
            if (round == rounds.Count)
            {
                rounds.Add([]);
            }

            rounds[round].Add(row);
        }

        return rounds;
    }

    /// <summary>Writes one round of case rows (distinct ids); returns how many were inserted.</summary>
    private static async Task<int> WriteCasesAsync(MySqlConnection connection, MySqlTransaction transaction, List<EventCaseRow> rows, CancellationToken cancellationToken)
    {
        var existing = await ExistingCasesAsync(connection, transaction, rows, cancellationToken);
        var updates = rows.Where(r => existing.Contains(r.Id)).ToList();
        var inserts = rows.Where(r => !existing.Contains(r.Id)).ToList();
        await UpdateCasesAsync(connection, transaction, updates, cancellationToken);
        if (inserts.Count == 0)
        {
            return 0;
        }

        try
        {
            await using var insert = new MySqlCommand("", connection, transaction);
            var sql = new StringBuilder("INSERT INTO event_cases (").Append(CaseColumns).Append(") VALUES ");
            for (var i = 0; i < inserts.Count; i++)
            {
                sql.Append(i == 0 ? "" : ",").Append(CaseValues(insert.Parameters, inserts[i], "c" + i.ToString(CultureInfo.InvariantCulture)));
            }

            insert.CommandText = sql.ToString();
            await insert.ExecuteNonQueryAsync(cancellationToken);
            return inserts.Count;
        }
        catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.DuplicateKeyEntry)
        {
            // Another instance inserted one of these cases since the SELECT; InnoDB rolled back only the statement.
            var count = 0;
            foreach (var row in inserts)
            {
                count += await InsertOrUpdateCaseAsync(connection, transaction, row, cancellationToken);
            }

            return count;
        }
    }

    private static async Task<int> InsertOrUpdateCaseAsync(MySqlConnection connection, MySqlTransaction transaction, EventCaseRow row, CancellationToken cancellationToken)
    {
        try
        {
            await using var insert = new MySqlCommand("", connection, transaction);
            insert.CommandText = $"INSERT INTO event_cases ({CaseColumns}) VALUES {CaseValues(insert.Parameters, row, "c")}";
            await insert.ExecuteNonQueryAsync(cancellationToken);
            return 1;
        }
        catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.DuplicateKeyEntry)
        {
            await UpdateCasesAsync(connection, transaction, [row], cancellationToken);
            return 0;
        }
    }

    private static async Task<HashSet<string>> ExistingCasesAsync(MySqlConnection connection, MySqlTransaction transaction, List<EventCaseRow> rows, CancellationToken cancellationToken)
    {
        await using var select = new MySqlCommand("", connection, transaction);
        var names = new string[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            names[i] = "@id" + i.ToString(CultureInfo.InvariantCulture);
            select.Parameters.AddWithValue(names[i], rows[i].Id);
        }

        // No FOR UPDATE: locking ids that do not exist yet takes gap locks, and concurrent workers inserting neighbouring
        // ids would then deadlock; a case inserted meanwhile by another instance is caught as 1062 below.
        select.CommandText = $"SELECT id FROM event_cases WHERE id IN ({string.Join(',', names)})";
        var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            existing.Add(reader.GetString(0));
        }

        return existing;
    }

    private static async Task UpdateCasesAsync(MySqlConnection connection, MySqlTransaction transaction, List<EventCaseRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var batch = new MySqlBatch(connection, transaction);
        foreach (var row in rows)
        {
            var command = new MySqlBatchCommand(UpdateSql);
            var p = command.Parameters;
            p.AddWithValue("@id", row.Id);
            p.AddWithValue("@t", row.Timestamp);
            p.AddWithValue("@max_step", row.MaxStep);
            p.AddWithValue("@current_step", row.CurrentStep);
            p.AddWithValue("@note", row.Note);
            p.AddWithValue("@cond", row.Cond);
            p.AddWithValue("@status", row.Status);
            p.AddWithValue("@func", row.Func);
            p.AddWithValue("@priority", row.Priority);
            p.AddWithValue("@tpl_creator", row.TplCreator);
            p.AddWithValue("@expression_id", row.ExpressionId);
            p.AddWithValue("@strategy_id", row.StrategyId);
            p.AddWithValue("@template_id", row.TemplateId);
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string CaseValues(MySqlParameterCollection p, EventCaseRow row, string prefix)
    {
        string Add(string name, object value)
        {
            var parameter = "@" + prefix + "_" + name;
            p.AddWithValue(parameter, value);
            return parameter;
        }

        return "(" + string.Join(',',
            Add("id", row.Id), Add("endpoint", row.Endpoint), Add("metric", row.Metric), Add("func", row.Func), Add("cond", row.Cond),
            Add("note", row.Note), Add("max_step", row.MaxStep), Add("current_step", row.CurrentStep), Add("priority", row.Priority),
            Add("status", row.Status), Add("timestamp", row.Timestamp), Add("update_at", row.Timestamp), Add("tpl_creator", row.TplCreator),
            Add("expression_id", row.ExpressionId), Add("strategy_id", row.StrategyId), Add("template_id", row.TemplateId)) + ")";
    }

    private static async Task InsertEventsAsync(MySqlConnection connection, MySqlTransaction transaction, List<EventCaseRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var insert = new MySqlCommand("", connection, transaction);
        var sql = new StringBuilder("INSERT INTO events (event_caseId, step, cond, status, timestamp) VALUES ");
        for (var i = 0; i < rows.Count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? "" : ",").Append($"(@e{n},@s{n},@c{n},@st{n},@t{n})");
            insert.Parameters.AddWithValue("@e" + n, rows[i].Id);
            insert.Parameters.AddWithValue("@s" + n, rows[i].CurrentStep);
            insert.Parameters.AddWithValue("@c" + n, rows[i].Cond);
            insert.Parameters.AddWithValue("@st" + n, rows[i].EventStatus);
            insert.Parameters.AddWithValue("@t" + n, rows[i].Timestamp);
        }

        insert.CommandText = sql.ToString();
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The events among <paramref name="rows"/> already in the table (as keys, one per row found): written by an attempt
    /// that failed after its commit, or before a crash or take-over. Judge never sends one event twice, so a row with the
    /// same case, step, status and time is this event.
    /// </summary>
    private static async Task<List<string>> AlreadyRecordedAsync(MySqlConnection connection, MySqlTransaction transaction, List<EventCaseRow> rows, CancellationToken cancellationToken)
    {
        var found = new List<string>();

        await using var select = new MySqlCommand("", connection, transaction);
        var ids = rows.Select(static r => r.Id).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var names = new string[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            names[i] = "@id" + i.ToString(CultureInfo.InvariantCulture);
            select.Parameters.AddWithValue(names[i], ids[i]);
        }

        select.Parameters.AddWithValue("@from", rows.Min(static r => r.Timestamp));
        select.Parameters.AddWithValue("@to", rows.Max(static r => r.Timestamp));
        // LOCK IN SHARE MODE reads the latest committed rows, not the transaction's snapshot taken at its first read.
        select.CommandText = $"SELECT event_caseId, step, status, timestamp FROM events WHERE event_caseId IN ({string.Join(',', names)}) AND timestamp BETWEEN @from AND @to LOCK IN SHARE MODE";
        var wanted = rows.Select(EventKey).ToHashSet(StringComparer.OrdinalIgnoreCase);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = Key(reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2), reader.IsDBNull(3) ? default : reader.GetDateTime(3));
            if (wanted.Contains(key))
            {
                found.Add(key);
            }
        }

        return found;
    }

    private static string EventKey(EventCaseRow row) => Key(row.Id, row.CurrentStep, row.EventStatus, row.Timestamp);

    private static string Key(string id, long step, int status, DateTime timestamp) =>
        string.Create(CultureInfo.InvariantCulture, $"{id}|{step}|{status}|{timestamp:yyyy-MM-dd HH:mm:ss}");
}
