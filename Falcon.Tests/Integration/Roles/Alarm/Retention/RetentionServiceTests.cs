using System.Globalization;
using System.Text.Json;
using Falcon.Roles.Alarm.Consumption;
using Falcon.Roles.Alarm.Records;
using Falcon.Roles.Alarm.Retention;
using Falcon.Shared.Model.Events;
using Falcon.Shared.Redis;
using Falcon.Tests.Integration.Shared.Portal;
using Falcon.Tests.Roles.Alarm.Consumption;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Integration.Roles.Alarm.Retention;

[Category("Integration")]
public sealed class RetentionServiceTests
{
    [Test]
    public async Task RunOnce_DeletesOldEventsAndClosedCases_KeepsOpenProblems_DropsOldDeadLetters()
    {
        await using var db = await PortalDatabase.CreateAsync();
        var server = await TestServers.RedisAsync();
        await using var redis = new RedisConnection(Options.Create(new RedisOptions { Connection = server.Connection }), NullLogger<RedisConnection>.Instance);
        var deadLetters = "retention" + Guid.NewGuid().ToString("N")[..8] + ":deadletter";
        var recorder = new EventRecorder(db.Databases, NullLogger<EventRecorder>.Instance);
        const long Old = 1_700_000_000;
        const long Recent = Old + (200L * 86_400);
        var closed = TestEvents.Strategy(id: $"s_12_{1:D32}", eventTime: Old, status: JudgeEventStatus.Ok);
        var open = TestEvents.Strategy(id: $"s_12_{2:D32}", eventTime: Old);
        var fresh = TestEvents.Strategy(id: $"s_12_{3:D32}", eventTime: Recent, status: JudgeEventStatus.Ok);
        await recorder.RecordAsync([TestEvents.Consumed(closed), TestEvents.Consumed(open), TestEvents.Consumed(fresh)], CancellationToken.None);
        var rdb = await redis.GetDatabaseAsync();
        await rdb.ListLeftPushAsync(deadLetters, Letter(Old));
        await rdb.ListLeftPushAsync(deadLetters, Letter(Recent));
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Recent + 86_400));
        var service = new RetentionService(
            db.Databases, redis, Options.Create(new RetentionOptions { Records = TimeSpan.FromDays(30), DeadLetters = TimeSpan.FromDays(7) }),
            Options.Create(new ConsumerOptions { DeadLetterQueue = deadLetters }), time, NullLogger<RetentionService>.Instance);

        var (events, cases, dropped) = await service.RunOnceAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(events, Is.EqualTo(2), "the events of both old cases");
            Assert.That(cases, Is.EqualTo(1), "the closed old case only");
            Assert.That(dropped, Is.EqualTo(1));
        });
        Assert.That(await IdsAsync(db), Is.EqualTo(new[] { open.Id, fresh.Id }));
        var left = await rdb.ListRangeAsync(deadLetters);
        Assert.That(left.Select(static v => JsonSerializer.Deserialize((string)v!, ConsumptionJsonContext.Default.DeadLetter)!.At), Is.EqualTo(new[] { Recent }));
        await rdb.KeyDeleteAsync(deadLetters);
    }

    private static string Letter(long at) =>
        JsonSerializer.Serialize(new DeadLetter("refused", "event:p0", "a", at, "{}"), ConsumptionJsonContext.Default.DeadLetter);

    private static async Task<List<string>> IdsAsync(PortalDatabase db)
    {
        await using var connection = await db.Databases.Alarms.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlConnector.MySqlCommand("SELECT id FROM event_cases ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0).ToString(CultureInfo.InvariantCulture));
        }

        return ids;
    }
}
