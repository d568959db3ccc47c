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
/// <para>
/// Locking, under the server's default REPEATABLE READ: the transaction locks only the case rows it writes (record
/// locks, by primary key, in id order), and looks for events already written with a plain consistent read that is
/// its first read, so its snapshot is taken after it holds every case row of the batch: a writer of the same case
/// (an instance that was taken over but still ran) has committed by then, and its events are seen. Nothing takes gap
/// locks, so workers inserting events of neighbouring cases never deadlock. (A locking read of the events instead
/// took shared gap locks on events.event_caseId that other workers' inserts then waited for, in a cycle.)
/// </para>
/// </summary>
internal sealed class EventRecorder(FalconDatabases databases, ILogger<EventRecorder> logger)
{
    private const string CaseColumns =
        "id, endpoint, metric, func, cond, note, max_step, current_step, priority, status, timestamp, update_at, tpl_creator, expression_id, strategy_id, template_id";

    private static readonly string[] RecordTables = ["event_cases", "events"];

    /// <summary>open-falcon api's process_status of an acknowledged case ("in progress").</summary>
    public const string Acknowledged = "in progress";

    // process_note is set before process_status: MySQL applies SET assignments left to right, and the test must see the old status.
    // A resolved or ignored case that fires again is unresolved again (as open-falcon's alarm does); an acknowledged one
    // stays acknowledged through its repeats and ends with its recovery (OK) or a new first step.
    private const string UpdateSql = """
        UPDATE event_cases SET update_at = @t, max_step = @max_step, current_step = @current_step, note = @note, cond = @cond,
          status = @status, func = @func, priority = @priority, tpl_creator = @tpl_creator, expression_id = @expression_id,
          strategy_id = @strategy_id, template_id = @template_id,
          timestamp = IF(@current_step = 1, @t, timestamp),
          process_note = IF(process_status IN ('resolved', 'ignored') OR (process_status = 'in progress' AND (@status = 'OK' OR @current_step = 1)), 0, process_note),
          process_status = IF(process_status IN ('resolved', 'ignored') OR (process_status = 'in progress' AND (@status = 'OK' OR @current_step = 1)), 'unresolved', process_status)
        WHERE id = @id
        """;

    /// <summary>
    /// The cases among <paramref name="batch"/>'s PROBLEM events that are acknowledged now (after recording), whose
    /// repeated notifications are therefore not sent.
    /// </summary>
    public async Task<HashSet<string>> AcknowledgedAsync(IReadOnlyList<ConsumedEvent> batch, CancellationToken cancellationToken)
    {
        var ids = batch.Where(static e => e.Event.Status == Shared.Model.Events.JudgeEventStatus.Problem && e.Event.CurrentStep > 1)
            .Select(static e => e.Event.Id).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var acknowledged = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (ids.Length == 0)
        {
            return acknowledged;
        }

        await using var connection = await databases.Alarms.OpenConnectionAsync(cancellationToken);
        await using var select = new MySqlCommand("", connection);
        var names = new string[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            names[i] = "@id" + i.ToString(CultureInfo.InvariantCulture);
            Add(select.Parameters, names[i], MySqlDbType.VarChar, ids[i]);
        }

        select.CommandText = $"SELECT id FROM event_cases WHERE process_status = '{Acknowledged}' AND id IN ({string.Join(',', names)})";
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            acknowledged.Add(reader.GetString(0));
        }

        return acknowledged;
    }

    /// <summary>Records the events of one batch, in order; returns how many events rows were written.</summary>
    public async Task<int> RecordAsync(IReadOnlyList<ConsumedEvent> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        await using var connection = await databases.Alarms.OpenConnectionAsync(cancellationToken);
        var fourByte = await databases.Alarms.FourByteTables.HoldAsync(connection, RecordTables, cancellationToken);
        var rows = batch.Select(e => EventCaseRow.From(e.Event, fourByte)).ToList();
        // Outside the transaction (autocommit): which cases exist is only a guide (a case inserted meanwhile is caught as
        // 1062), and a read inside would fix the transaction's snapshot before it holds the case rows.
        var existing = await ExistingCasesAsync(connection, rows, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var cases = 0;
        var inserted = 0;
        // A case written twice in one batch (PROBLEM then OK) is written in rounds, each holding a case at most once, in
        // order; after the first round every case of the batch exists.
        foreach (var round in Rounds(rows))
        {
            inserted += await WriteCasesAsync(connection, transaction, round, existing, cancellationToken);
            existing.UnionWith(round.Select(static r => r.Id));
            cases += round.Count;
        }

        // Only now, holding every case row of the batch, look for events already written: a writer of the same case (an
        // instance that was taken over but still ran) has committed by the time its row lock was released to us, and
        // this first read of the transaction takes its snapshot now.
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

        // Within a round the ids are distinct, so writing them in id order changes nothing but the lock order: two
        // instances writing overlapping cases (one taken over while it still ran) lock them in the same order.
        foreach (var round in rounds)
        {
            round.Sort(static (a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Id, b.Id));
        }

        return rounds;
    }

    /// <summary>Writes one round of case rows (distinct ids); returns how many were inserted.</summary>
    private static async Task<int> WriteCasesAsync(
        MySqlConnection connection, MySqlTransaction transaction, List<EventCaseRow> rows, HashSet<string> existing, CancellationToken cancellationToken)
    {
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

    private static async Task<HashSet<string>> ExistingCasesAsync(MySqlConnection connection, List<EventCaseRow> rows, CancellationToken cancellationToken)
    {
        await using var select = new MySqlCommand("", connection);
        var ids = rows.Select(static r => r.Id).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var names = new string[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            names[i] = "@id" + i.ToString(CultureInfo.InvariantCulture);
            Add(select.Parameters, names[i], MySqlDbType.VarChar, ids[i]);
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
            Add(p, "@id", MySqlDbType.VarChar, row.Id);
            Add(p, "@t", MySqlDbType.DateTime, row.Timestamp);
            Add(p, "@max_step", MySqlDbType.Int32, row.MaxStep);
            Add(p, "@current_step", MySqlDbType.Int32, row.CurrentStep);
            Add(p, "@note", MySqlDbType.VarChar, row.Note);
            Add(p, "@cond", MySqlDbType.VarChar, row.Cond);
            Add(p, "@status", MySqlDbType.VarChar, row.Status);
            Add(p, "@func", MySqlDbType.VarChar, row.Func);
            Add(p, "@priority", MySqlDbType.Int32, row.Priority);
            Add(p, "@tpl_creator", MySqlDbType.VarChar, row.TplCreator);
            Add(p, "@expression_id", MySqlDbType.Int64, row.ExpressionId);
            Add(p, "@strategy_id", MySqlDbType.Int64, row.StrategyId);
            Add(p, "@template_id", MySqlDbType.Int64, row.TemplateId);
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string CaseValues(MySqlParameterCollection p, EventCaseRow row, string prefix)
    {
        string Param(string name, MySqlDbType type, object value)
        {
            var parameter = "@" + prefix + "_" + name;
            Add(p, parameter, type, value);
            return parameter;
        }

        return "(" + string.Join(',',
            Param("id", MySqlDbType.VarChar, row.Id), Param("endpoint", MySqlDbType.VarChar, row.Endpoint), Param("metric", MySqlDbType.VarChar, row.Metric),
            Param("func", MySqlDbType.VarChar, row.Func), Param("cond", MySqlDbType.VarChar, row.Cond), Param("note", MySqlDbType.VarChar, row.Note),
            Param("max_step", MySqlDbType.Int32, row.MaxStep), Param("current_step", MySqlDbType.Int32, row.CurrentStep),
            Param("priority", MySqlDbType.Int32, row.Priority), Param("status", MySqlDbType.VarChar, row.Status),
            Param("timestamp", MySqlDbType.DateTime, row.Timestamp), Param("update_at", MySqlDbType.DateTime, row.Timestamp),
            Param("tpl_creator", MySqlDbType.VarChar, row.TplCreator), Param("expression_id", MySqlDbType.Int64, row.ExpressionId),
            Param("strategy_id", MySqlDbType.Int64, row.StrategyId), Param("template_id", MySqlDbType.Int64, row.TemplateId)) + ")";
    }

    /// <summary>A parameter with its type stated, which spares MySqlConnector inferring it from the value (a lookup per parameter, thousands per batch).</summary>
    private static void Add(MySqlParameterCollection parameters, string name, MySqlDbType type, object value) =>
        parameters.Add(new MySqlParameter(name, type) { Value = value });

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
            Add(insert.Parameters, "@e" + n, MySqlDbType.VarChar, rows[i].Id);
            Add(insert.Parameters, "@s" + n, MySqlDbType.Int32, rows[i].CurrentStep);
            Add(insert.Parameters, "@c" + n, MySqlDbType.VarChar, rows[i].Cond);
            Add(insert.Parameters, "@st" + n, MySqlDbType.Int32, rows[i].EventStatus);
            Add(insert.Parameters, "@t" + n, MySqlDbType.DateTime, rows[i].Timestamp);
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
            Add(select.Parameters, names[i], MySqlDbType.VarChar, ids[i]);
        }

        Add(select.Parameters, "@from", MySqlDbType.DateTime, rows.Min(static r => r.Timestamp));
        Add(select.Parameters, "@to", MySqlDbType.DateTime, rows.Max(static r => r.Timestamp));
        // A plain consistent read, the transaction's first: its snapshot is taken now, after the case rows are locked, so
        // it holds what every earlier writer of these cases committed. No LOCK IN SHARE MODE: its shared gap locks on
        // events.event_caseId blocked other workers' event inserts and deadlocked with them.
        select.CommandText = $"SELECT event_caseId, step, status, timestamp FROM events WHERE event_caseId IN ({string.Join(',', names)}) AND timestamp BETWEEN @from AND @to";
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
