using Falcon.Roles.Alarm.Records;
using Falcon.Shared.Model.Events;
using Falcon.Tests.Integration.Hbs;
using Falcon.Tests.Roles.Alarm.Consumption;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;

namespace Falcon.Tests.Integration.Alarm.Records;

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
