using System.Text.Json;
using Falcon.Roles.Alarm.Consumption;
using Falcon.Roles.Alarm.Records;
using Falcon.Shared.Model.Events;
using Falcon.Tests.Integration.Shared.Portal;
using Falcon.Tests.Roles.Alarm.Consumption;
using Microsoft.Extensions.Logging.Abstractions;

namespace Falcon.Tests.Integration.Roles.Alarm.Consumption;

/// <summary>Events the alarms database refuses never hold up the others: each refused one is dead-lettered alone.</summary>
[Category("Integration")]
public sealed class PoisonEventTests
{
    [Test]
    public async Task Consume_AnEventMySqlRefusesAmongGoodOnes_IsDeadLetteredAloneAndEveryOtherIsRecorded()
    {
        await using var db = await PortalDatabase.CreateAsync();
        await using var harness = await ConsumerHarness.CreateAsync(cluster: false);
        var recorder = new EventRecorder(db.Databases, NullLogger<EventRecorder>.Instance);
        var good = Enumerable.Range(0, 20).Select(i => Event(i, step: 1)).ToList();
        // A TIMESTAMP column ends in January 2038: a later event time is refused (error 1292) however often it is retried.
        var poison = Event(100, step: 1) with { EventTime = 4_000_000_000 };
        // Emoji text is not poison: it is stored with U+FFFD.
        var emoji = Event(101, step: 1) with { Endpoint = "db-\U0001F4A5" };
        await harness.PushAsync([.. good.Take(10), poison, emoji, .. good.Skip(10)]);
        var handler = new RecordingHandler { Inner = (batch, ct) => recorder.RecordAsync(batch, ct) };

        await harness.StartAsync(harness.Options("a", o => { o.Workers = 1; o.BatchSize = 50; }), handler);

        await Poll.UntilAsync(async () => (await harness.DeadLettersAsync()).Length == 1, what: "the refused event dead-lettered");
        await Poll.UntilAsync(async () => await harness.PendingAsync("a") == 0, what: "nothing left in flight");
        var dead = JsonSerializer.Deserialize((await harness.DeadLettersAsync())[0], ConsumptionJsonContext.Default.DeadLetter)!;
        var events = await AlarmsScalarAsync(db, "SELECT COUNT(*) FROM events");
        var endpoint = await AlarmsScalarAsync(db, $"SELECT endpoint FROM event_cases WHERE id = '{emoji.Id}'");
        Assert.Multiple(() =>
        {
            Assert.That(dead.Reason, Does.Contain("error 1292"));
            Assert.That(dead.Event, Does.Contain(poison.Id));
            Assert.That(handler.Handled.Select(static e => e.Event.Id), Is.EquivalentTo(good.Append(emoji).Select(static e => e.Id)));
            Assert.That(events, Is.EqualTo(21L));
            Assert.That(endpoint, Is.EqualTo("db-\uFFFD"));
            Assert.That(harness.Meters.Sum("falcon.alarm.events.dead_lettered"), Is.EqualTo(1));
        });
    }

    private static async Task<object?> AlarmsScalarAsync(PortalDatabase db, string sql)
    {
        await using var connection = await db.Databases.Alarms.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlConnector.MySqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static JudgeEvent Event(int i, int step) =>
        TestEvents.Strategy(id: $"s_12_{i:D32}", currentStep: step, eventTime: 1_700_000_000 + i, actionId: 0);
}
