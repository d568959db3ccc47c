using Falcon.Shared.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Falcon.Tests.Integration.Shared.Redis;

[Category("Integration")]
public sealed class RedisConnectionTests
{
    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task GetAsync_ReturnsOneSharedConnectedMultiplexer(bool cluster)
    {
        var server = await TestServers.RedisAsync(cluster);
        await using var connection = new RedisConnection(Options.Create(new RedisOptions { Connection = server.Connection }), NullLogger<RedisConnection>.Instance);

        var first = await connection.GetAsync();
        var second = await connection.GetAsync();

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.SameAs(first));
            Assert.That(first.IsConnected, Is.True);
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task CompanionKey_CanBeMovedToAtomicallyWithItsOpenFalconKey(bool cluster)
    {
        var server = await TestServers.RedisAsync(cluster);
        await using var connection = new RedisConnection(Options.Create(new RedisOptions { Connection = server.Connection }), NullLogger<RedisConnection>.Instance);
        var db = await connection.GetDatabaseAsync();
        var queue = $"event:p0:{Guid.NewGuid():N}";
        var inflight = RedisKeys.Companion(queue, "inflight", "instance-a");
        await db.ListLeftPushAsync(queue, "e1");

        // One script over both keys: a Redis Cluster refuses this unless they share a hash slot.
        var moved = await db.ScriptEvaluateAsync(
            "return redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'LEFT')",
            [queue, inflight]);

        Assert.Multiple(async () =>
        {
            Assert.That((string?)moved, Is.EqualTo("e1"));
            Assert.That(await db.ListLengthAsync(queue), Is.Zero);
            Assert.That((string?)await db.ListGetByIndexAsync(inflight, 0), Is.EqualTo("e1"));
        });
    }

    [Test]
    public async Task ClusterFixture_RefusesAScriptOverKeysInDifferentSlots()
    {
        // Shows the cluster fixture is a real cluster, so the test above proves something on it.
        var server = await TestServers.RedisClusterAsync();
        await using var connection = new RedisConnection(Options.Create(new RedisOptions { Connection = server.Connection }), NullLogger<RedisConnection>.Instance);
        var db = await connection.GetDatabaseAsync();

        Assert.That(
            async () => await db.ScriptEvaluateAsync("return redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'LEFT')", ["event:p0", "event:p1"]),
            Throws.InstanceOf<RedisException>().With.Message.Contains("CROSSSLOT").Or.Message.Contains("slot"));
    }

    [Test]
    public async Task GetAsync_WhenRedisIsDown_ReturnsADisconnectedMultiplexerInsteadOfFailingStartup()
    {
        var port = Servers.ServerProcess.FreePort();
        await using var connection = new RedisConnection(
            Options.Create(new RedisOptions { Connection = $"127.0.0.1:{port},connectTimeout=200" }),
            NullLogger<RedisConnection>.Instance);

        var multiplexer = await connection.GetAsync();

        Assert.That(multiplexer.IsConnected, Is.False);
    }
}
