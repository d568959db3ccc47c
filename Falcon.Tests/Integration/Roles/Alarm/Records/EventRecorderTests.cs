using Falcon.Roles.Alarm.Records;
using Falcon.Shared.Model.Events;
using Falcon.Tests.Integration.Shared.Portal;
using Falcon.Tests.Roles.Alarm.Consumption;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;

namespace Falcon.Tests.Integration.Roles.Alarm.Records;

[Category("Integration")]
public sealed class EventRecorderTests
{
    private PortalDatabase _db = null!;
    private EventRecorder _recorder = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _db = await PortalDatabase.CreateAsync();
        _recorder = new EventRecorder(_db.Databases, NullLogger<EventRecorder>.Instance);
    }

    [TearDown]
    public async Task TearDownAsync() => await _db.DisposeAsync();

    [Test]
    public async Task Record_ANewEvent_InsertsTheCaseAndOneEventAsOpenFalconDoes()
    {
        var e = TestEvents.Strategy(priority: 2, tags: "core=1", currentStep: 1);

        await _recorder.RecordAsync([TestEvents.Consumed(e)], CancellationToken.None);

        Assert.That(await RowsAsync("SELECT id, endpoint, metric, func, cond, note, max_step, current_step, priority, status, UNIX_TIMESTAMP(timestamp), UNIX_TIMESTAMP(update_at), tpl_creator, expression_id, strategy_id, template_id, process_status FROM event_cases"),
            Is.EqualTo(new[] { $"{e.Id}|host-a|cpu.idle/core=1|all(#3)|5.5 < 10|cpu busy|3|1|2|PROBLEM|{e.EventTime}|{e.EventTime}|alice|0|12|7|unresolved" }));
        Assert.That(await RowsAsync("SELECT event_caseId, step, cond, status, UNIX_TIMESTAMP(timestamp) FROM events"),
            Is.EqualTo(new[] { $"{e.Id}|1|5.5 < 10|0|{e.EventTime}" }));
    }

    [Test]
    public async Task Record_TheOkOfAResolvedCase_UpdatesItReopensItAndAddsAnEvent()
    {
        var problem = TestEvents.Strategy(currentStep: 1, eventTime: 1_700_000_000);
        await _recorder.RecordAsync([TestEvents.Consumed(problem)], CancellationToken.None);
        await ExecuteAsync($"UPDATE event_cases SET process_status = 'resolved', process_note = 42 WHERE id = '{problem.Id}'");
        var ok = problem with { Status = JudgeEventStatus.Ok, CurrentStep = 2, EventTime = 1_700_000_060, LeftValue = 50 };

        await _recorder.RecordAsync([TestEvents.Consumed(ok)], CancellationToken.None);

        Assert.That(await RowsAsync("SELECT status, cond, current_step, UNIX_TIMESTAMP(timestamp), UNIX_TIMESTAMP(update_at), process_status, process_note FROM event_cases"),
            Is.EqualTo(new[] { "OK|50 < 10|2|1700000000|1700000060|unresolved|0" }));
        Assert.That(await RowsAsync("SELECT status, step FROM events ORDER BY id"), Is.EqualTo(new[] { "0|1", "1|2" }));
    }

    [Test]
    public async Task Record_AStepOneProblemOfAnExistingCase_MovesItsTimestamp()
    {
        var first = TestEvents.Strategy(currentStep: 1, eventTime: 1_700_000_000);
        await _recorder.RecordAsync([TestEvents.Consumed(first)], CancellationToken.None);

        await _recorder.RecordAsync([TestEvents.Consumed(first with { EventTime = 1_700_003_600 })], CancellationToken.None);

        Assert.That(await RowsAsync("SELECT UNIX_TIMESTAMP(timestamp), UNIX_TIMESTAMP(update_at) FROM event_cases"), Is.EqualTo(new[] { "1700003600|1700003600" }));
    }

    [Test]
    public async Task Record_ProblemAndOkOfOneCaseInOneBatch_EndsOkWithBothEvents()
    {
        var problem = TestEvents.Strategy(currentStep: 1);
        var ok = problem with { Status = JudgeEventStatus.Ok, CurrentStep = 2, EventTime = problem.EventTime + 60 };
        var other = TestEvents.Expression();

        await _recorder.RecordAsync([TestEvents.Consumed(problem), TestEvents.Consumed(other), TestEvents.Consumed(ok)], CancellationToken.None);

        Assert.That(await RowsAsync("SELECT id, status FROM event_cases ORDER BY id"), Is.EqualTo(new[] { $"{other.Id}|PROBLEM", $"{problem.Id}|OK" }));
        Assert.That(await RowsAsync("SELECT event_caseId, status FROM events ORDER BY id"), Is.EqualTo(new[] { $"{problem.Id}|0", $"{other.Id}|0", $"{problem.Id}|1" }));
    }

    [Test]
    public async Task Record_RecoveredEventsAlreadyWritten_AreNotRecordedTwice()
    {
        var events = Enumerable.Range(0, 5).Select(i => TestEvents.Strategy(id: $"s_12_{i:D32}")).ToArray();
        await _recorder.RecordAsync([.. events.Take(3).Select(static e => TestEvents.Consumed(e))], CancellationToken.None);

        var written = await _recorder.RecordAsync([.. events.Select(static e => TestEvents.Consumed(e, recovered: true))], CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(written, Is.EqualTo(2));
            Assert.That(await RowsAsync("SELECT COUNT(*), COUNT(DISTINCT event_caseId) FROM events"), Is.EqualTo(new[] { "5|5" }));
            Assert.That(await RowsAsync("SELECT COUNT(*) FROM event_cases"), Is.EqualTo(new[] { "5" }));
        });
    }

    [Test]
    public async Task Record_ABatchOfAThousandNewCases_WritesThemAll()
    {
        var batch = Enumerable.Range(0, 1000).Select(i => TestEvents.Consumed(TestEvents.Strategy(id: $"s_12_{i:D32}", endpoint: "h" + i))).ToArray();

        await _recorder.RecordAsync(batch, CancellationToken.None);

        Assert.That(await RowsAsync("SELECT (SELECT COUNT(*) FROM event_cases), (SELECT COUNT(*) FROM events)"), Is.EqualTo(new[] { "1000|1000" }));
    }

    [Test]
    public async Task Record_ValuesWiderThanTheColumns_AreCutNotRefused()
    {
        var e = TestEvents.Strategy(endpoint: new string('h', 300), metric: new string('m', 300));

        await _recorder.RecordAsync([TestEvents.Consumed(e)], CancellationToken.None);

        Assert.That(await RowsAsync("SELECT CHAR_LENGTH(endpoint), CHAR_LENGTH(metric) FROM event_cases"), Is.EqualTo(new[] { "100|200" }));
    }

    [Test]
    public async Task Record_ABatchWithCasesOutOfIdOrder_WritesTheEventsInBatchOrder()
    {
        var b = TestEvents.Strategy(id: "s_12_b0000000000000000000000000000000", eventTime: 1_700_000_000);
        var a = TestEvents.Strategy(id: "s_12_a0000000000000000000000000000000", eventTime: 1_700_000_000);
        var bOk = b with { Status = JudgeEventStatus.Ok, CurrentStep = 2, EventTime = 1_700_000_060 };

        await _recorder.RecordAsync([TestEvents.Consumed(b), TestEvents.Consumed(a), TestEvents.Consumed(bOk)], CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(await RowsAsync("SELECT event_caseId, status FROM events ORDER BY id"), Is.EqualTo(new[] { $"{b.Id}|0", $"{a.Id}|0", $"{b.Id}|1" }));
            Assert.That(await RowsAsync("SELECT id, status, current_step FROM event_cases ORDER BY id"), Is.EqualTo(new[] { $"{a.Id}|PROBLEM|1", $"{b.Id}|OK|2" }));
        });
    }

    [Test]
    public async Task Record_ByConcurrentWorkersWritingNeighbouringCases_NeverDeadlocks()
    {
        // Eight workers, as the consumer runs them, each with its own cases whose ids interleave with the others'
        // (neighbours in the indexes), recorded at once twice: first as new cases, then as updates with a second event.
        const int Workers = 8, PerWorker = 150;
        var recorders = Enumerable.Range(0, Workers).Select(w => Enumerable.Range(0, PerWorker)
            .Select(i => TestEvents.Strategy(id: $"s_12_{i * Workers + w:D32}", endpoint: $"h{i * Workers + w}", eventTime: 1_700_000_000))
            .ToArray()).ToArray();

        for (var step = 1; step <= 2; step++)
        {
            var current = step;
            var batches = recorders.Select(events => events.Select(e => TestEvents.Consumed(e with
            {
                CurrentStep = current,
                EventTime = e.EventTime + current,
            })).ToArray());
            var attempts = batches.Select(batch => Task.Run(() => _recorder.RecordAsync(batch, CancellationToken.None))).ToArray();

            // A deadlock fails one of the transactions with MySQL error 1213, which the consumer would retry: here it fails the test.
            Assert.That(async () => await Task.WhenAll(attempts), Throws.Nothing, $"round {step}");
        }

        Assert.That(await RowsAsync("SELECT (SELECT COUNT(*) FROM event_cases), (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM event_cases WHERE current_step = 2)"),
            Is.EqualTo(new[] { $"{Workers * PerWorker}|{Workers * PerWorker * 2}|{Workers * PerWorker}" }));
    }

    [TestCase(true, TestName = "Record_WhileATakenOverInstanceStillWritesTheSameEvent_WaitsForItAndRecordsItOnce(existing case)")]
    [TestCase(false, TestName = "Record_WhileATakenOverInstanceStillWritesTheSameEvent_WaitsForItAndRecordsItOnce(new case)")]
    public async Task Record_WhileATakenOverInstanceStillWritesTheSameEvent_WaitsForItAndRecordsItOnce(bool caseExists)
    {
        var earlier = TestEvents.Strategy(currentStep: 1, eventTime: 1_700_000_000);
        var e = earlier with { CurrentStep = 2, EventTime = 1_700_000_060 };
        if (caseExists)
        {
            await _recorder.RecordAsync([TestEvents.Consumed(earlier)], CancellationToken.None);
        }

        // The instance that was taken over: it holds the case row and has written the event, not yet committed.
        await using var other = await _db.Databases.Alarms.OpenConnectionAsync(CancellationToken.None);
        await using var otherTransaction = await other.BeginTransactionAsync();
        await ExecuteAsync(other, otherTransaction, caseExists
            ? $"UPDATE event_cases SET current_step = 2 WHERE id = '{e.Id}'"
            : $"INSERT INTO event_cases (id, endpoint, metric, cond, priority, status, timestamp) VALUES ('{e.Id}', 'host-a', 'cpu.idle', '5.5 < 10', 0, 'PROBLEM', FROM_UNIXTIME({e.EventTime}))");
        await ExecuteAsync(other, otherTransaction, $"INSERT INTO events (event_caseId, step, cond, status, timestamp) VALUES ('{e.Id}', 2, '5.5 < 10', 0, FROM_UNIXTIME({e.EventTime}))");

        // This instance records the same event, taken over from the other's in-flight list: it must wait for the case row.
        var recording = Task.Run(() => _recorder.RecordAsync([TestEvents.Consumed(e, recovered: true)], CancellationToken.None));
        await Poll.UntilAsync(
            async () =>
            {
                // InnoDB refreshes INNODB_TRX only when it was not read for 100 ms: asked more often, it never changes.
                await Task.Delay(150);
                return recording.IsCompleted || Convert.ToInt64(await _db.ScalarAsync("SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'"), System.Globalization.CultureInfo.InvariantCulture) > 0;
            },
            TimeSpan.FromSeconds(10),
            "the recorder waits for the case row");
        Assert.That(recording.IsCompleted, Is.False, "the recorder must wait for the other writer of the case");
        await otherTransaction.CommitAsync();

        var written = await recording;

        Assert.Multiple(async () =>
        {
            Assert.That(written, Is.Zero);
            Assert.That(await RowsAsync($"SELECT COUNT(*) FROM events WHERE event_caseId = '{e.Id}' AND step = 2"), Is.EqualTo(new[] { "1" }));
        });
    }

    private static async Task ExecuteAsync(MySqlConnection connection, MySqlTransaction transaction, string sql)
    {
        await using var command = new MySqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> RowsAsync(string sql)
    {
        await using var connection = await _db.Databases.Alarms.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var values = new string[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";
            }

            rows.Add(string.Join('|', values));
        }

        return rows;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await _db.Databases.Alarms.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
