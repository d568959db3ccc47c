using System.Diagnostics;
using Falcon.Roles.Hbs.Upgrade;
using Falcon.Shared.Model.Agents;
using Falcon.Shared.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Roles.Hbs.Upgrade;

/// <summary>Heartbeats keep being answered, at once, while Redis is unreachable.</summary>
public sealed class UpgradeCoordinatorRedisDownTests
{
    [Test]
    public async Task OnHeartbeat_WhenRedisIsDown_AnswersNullWithoutWaitingForRedis()
    {
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        // A long command timeout: a heartbeat that queued a command on the dead connection would wait for it.
        await using var redis = new RedisConnection(
            Options.Create(new RedisOptions { Connection = "127.0.0.1:1,connectTimeout=200,asyncTimeout=10000" }),
            NullLogger<RedisConnection>.Instance);
        var time = new FakeTimeProvider();
        var coordinator = new UpgradeCoordinator(
            redis,
            Options.Create(new HbsUpgradeOptions()),
            time,
            new UpgradeMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            NullLogger<UpgradeCoordinator>.Instance);
        await redis.GetAsync();

        var watch = Stopwatch.StartNew();
        var replies = new List<AgentUpgradeArgs?>();
        for (var i = 0; i < 5; i++)
        {
            replies.Add(await coordinator.OnHeartbeatAsync(new AgentReportRequest { Hostname = "a", AgentVersion = "7.0.0" }, CancellationToken.None));
            time.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Multiple(() =>
        {
            Assert.That(replies, Has.All.Null);
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
        });
    }
}
