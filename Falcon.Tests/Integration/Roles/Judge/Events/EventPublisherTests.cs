using System.Text.Json;
using Falcon.Roles.Judge.Evaluation;
using Falcon.Roles.Judge.Events;
using Falcon.Shared.Model.Events;
using Falcon.Shared.Model.Strategies;
using Falcon.Shared.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Integration.Roles.Judge.Events;

[Category("Integration")]
public sealed class EventPublisherTests
{
    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task Problem_IsPushedAsOpenFalconJsonToItsPriorityQueue_AndStoredAsLastEvent(bool cluster)
    {
        await using var connection = await ConnectAsync(cluster);
        var db = await connection.GetDatabaseAsync();
        var id = NewEventId();
        // A priority no other test uses keeps the default-pattern queue this test's own.
        var priority = Random.Shared.Next(100_000, 999_999);
        var judgeEvent = Problem(id, priority, step: 1, eventTime: 1_700_000_040);

        await new EventPublisher(connection).PublishAsync(judgeEvent, EventQueues.DefaultPattern);

        // open-falcon's alarm BRPOPs the queue; RPOP takes the same end.
        var popped = (string?)await db.ListRightPopAsync($"event:p{priority}");
        Assert.That(popped, Is.Not.Null);
        using var json = JsonDocument.Parse(popped!);
        var root = json.RootElement;
        var stored = await new LastEventStore(connection, NullLogger<LastEventStore>.Instance).GetAsync(id);
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("id").GetString(), Is.EqualTo(id));
            Assert.That(root.GetProperty("status").GetString(), Is.EqualTo("PROBLEM"));
            Assert.That(root.GetProperty("endpoint").GetString(), Is.EqualTo("host-a"));
            Assert.That(root.GetProperty("leftValue").GetRawText(), Is.EqualTo("95"));
            Assert.That(root.GetProperty("currentStep").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("eventTime").GetInt64(), Is.EqualTo(1_700_000_040));
            Assert.That(root.GetProperty("strategy").GetProperty("priority").GetInt32(), Is.EqualTo(priority));
            Assert.That(root.GetProperty("expression").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(root.GetProperty("pushedTags").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(stored, Is.EqualTo(new LastEvent(EventStatus.Problem, 1, 1_700_000_040)));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task CustomQueuePattern_IsHonoured(bool cluster)
    {
        await using var connection = await ConnectAsync(cluster);
        var db = await connection.GetDatabaseAsync();
        var priority = Random.Shared.Next(100_000, 999_999);
        var id = NewEventId();

        await new EventPublisher(connection).PublishAsync(Problem(id, priority, 1, 1_700_000_040), "alarm:q:%v");

        var popped = (string?)await db.ListRightPopAsync($"alarm:q:{priority}");
        Assert.Multiple(async () =>
        {
            Assert.That(popped, Does.Contain(id));
            Assert.That(await db.KeyExistsAsync($"event:p{priority}"), Is.False);
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task LastEventKey_HasASevenDayTimeToLive_RefreshedOnEachWrite(bool cluster)
    {
        await using var connection = await ConnectAsync(cluster);
        var db = await connection.GetDatabaseAsync();
        var id = NewEventId();
        var key = LastEventKeys.For(id);
        var publisher = new EventPublisher(connection);
        var priority = Random.Shared.Next(100_000, 999_999);

        await publisher.PublishAsync(Problem(id, priority, 1, 1_700_000_040), EventQueues.DefaultPattern);
        await db.KeyExpireAsync(key, TimeSpan.FromMinutes(1));
        await publisher.PublishAsync(Problem(id, priority, 2, 1_700_000_340), EventQueues.DefaultPattern);
        var ttl = await db.KeyTimeToLiveAsync(key);
        await db.KeyDeleteAsync($"event:p{priority}");

        Assert.Multiple(() =>
        {
            Assert.That(key, Is.EqualTo($"judge:last:{id}"));
            Assert.That(ttl, Is.Not.Null);
            Assert.That(ttl!.Value, Is.GreaterThan(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1)).And.LessThanOrEqualTo(TimeSpan.FromDays(7)));
        });
    }

    internal static async Task<RedisConnection> ConnectAsync(bool cluster)
    {
        var server = await TestServers.RedisAsync(cluster);
        return new RedisConnection(Options.Create(new RedisOptions { Connection = server.Connection }), NullLogger<RedisConnection>.Instance);
    }

    internal static string NewEventId() => $"s_12_{Guid.NewGuid():N}";

    internal static JudgeEvent Problem(string id, int priority, int step, long eventTime) => new()
    {
        Id = id,
        Strategy = new Strategy { Id = 12, Metric = "cpu.idle", Func = "all(#1)", Operator = ">", RightValue = 90, MaxStep = 3, Priority = priority },
        Status = JudgeEventStatus.Problem,
        Endpoint = "host-a",
        LeftValue = 95,
        CurrentStep = step,
        EventTime = eventTime,
    };
}
