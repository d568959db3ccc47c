using System.Net;
using System.Net.Http.Json;

namespace Falcon.Tests.Integration.Roles.Alarm.Silences;

/// <summary>Several alarm instances over one Redis: a change made through one is honoured by the others within seconds.</summary>
[Category("Integration")]
public sealed class SilenceInstancesTests
{
    private static readonly TimeSpan Seconds = TimeSpan.FromSeconds(5);

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task SecondInstance_HonoursASilenceAndItsRemoval_WithinSeconds(bool cluster)
    {
        var redis = await TestServers.RedisAsync(cluster);
        var prefix = SilenceAlarmInstance.NewPrefix();
        await using var first = await SilenceAlarmInstance.StartAsync(redis.Connection, prefix);
        await using var second = await SilenceAlarmInstance.StartAsync(redis.Connection, prefix);
        using var client = first.Client();

        using var added = await client.PostAsJsonAsync("api/silences", new { user = "alice", endpoint = "host-a", counter = "cpu.idle", @for = "1h", comment = "on it" });
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created), await added.Content.ReadAsStringAsync());
        var id = (await first.Store.ListAsync(CancellationToken.None)).Single().Id;
        await Poll.UntilAsync(() => Task.FromResult(second.Store.IsSilenced("alice", "host-a", "cpu.idle", DateTimeOffset.UtcNow)), Seconds, "the second instance honours the silence");

        using var removed = await client.DeleteAsync($"api/silences/{id}");
        Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await removed.Content.ReadAsStringAsync());
        await Poll.UntilAsync(() => Task.FromResult(!second.Store.IsSilenced("alice", "host-a", "cpu.idle", DateTimeOffset.UtcNow)), Seconds, "the second instance honours the removal");
    }

    [Test]
    public async Task ChangeNotification_ReachesTheOtherInstance_LongBeforeThePeriodicReload()
    {
        var redis = await TestServers.RedisAsync();
        var prefix = SilenceAlarmInstance.NewPrefix();
        var slowReload = new Dictionary<string, string?> { ["alarm:silences:reloadInterval"] = "00:10:00" };
        await using var first = await SilenceAlarmInstance.StartAsync(redis.Connection, prefix, settings: slowReload);
        await using var second = await SilenceAlarmInstance.StartAsync(redis.Connection, prefix, settings: slowReload);

        var silence = await first.Store.AddAsync(new("alice", "host-a", "cpu.idle", TimeSpan.FromHours(1), "", "ops"), TimeSpan.FromDays(1), CancellationToken.None);
        await Poll.UntilAsync(() => Task.FromResult(second.Store.IsSilenced("alice", "host-a", "cpu.idle", DateTimeOffset.UtcNow)), TimeSpan.FromSeconds(3), "notified of the silence");
        await first.Store.RemoveAsync(silence.Id, CancellationToken.None);
        await Poll.UntilAsync(() => Task.FromResult(!second.Store.IsSilenced("alice", "host-a", "cpu.idle", DateTimeOffset.UtcNow)), TimeSpan.FromSeconds(3), "notified of the removal");
    }

    [Test]
    public async Task RemovalWithoutANotification_IsStillHonoured_ByThePeriodicReload()
    {
        // A notification missed while disconnected: the removal goes straight to Redis, as if published to nobody.
        var redis = await TestServers.RedisAsync();
        var prefix = SilenceAlarmInstance.NewPrefix();
        await using var instance = await SilenceAlarmInstance.StartAsync(redis.Connection, prefix);
        var silence = await instance.Store.AddAsync(new("alice", "host-a", "cpu.idle", TimeSpan.FromHours(1), "", "ops"), TimeSpan.FromDays(1), CancellationToken.None);
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.Connection);
        var keys = new Falcon.Shared.Silences.SilenceKeys(prefix);
        await connection.GetDatabase().HashDeleteAsync(keys.Items, silence.Id);

        await Poll.UntilAsync(() => Task.FromResult(!instance.Store.IsSilenced("alice", "host-a", "cpu.idle", DateTimeOffset.UtcNow)), Seconds, "the reload every second drops it");
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task RestartedInstance_HonoursSilencesAlreadyInRedis(bool cluster)
    {
        var redis = await TestServers.RedisAsync(cluster);
        var prefix = SilenceAlarmInstance.NewPrefix();
        await using (var before = await SilenceAlarmInstance.StartAsync(redis.Connection, prefix))
        {
            await before.Store.AddAsync(new("alice", "host-a", "cpu.idle", TimeSpan.FromHours(1), "", "ops"), TimeSpan.FromDays(1), CancellationToken.None);
        }

        // StartAsync returns once the first reload is done: no call to the API is needed to know the silence.
        await using var restarted = await SilenceAlarmInstance.StartAsync(redis.Connection, prefix);

        Assert.Multiple(() =>
        {
            Assert.That(restarted.Store.IsSilenced("alice", "host-a", "cpu.idle", DateTimeOffset.UtcNow), Is.True);
            Assert.That(restarted.Store.IsSilenced("bob", "host-a", "cpu.idle", DateTimeOffset.UtcNow), Is.False);
        });
    }
}
