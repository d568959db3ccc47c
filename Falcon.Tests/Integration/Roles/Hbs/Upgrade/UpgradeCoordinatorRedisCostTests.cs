using System.Globalization;
using StackExchange.Redis;

namespace Falcon.Tests.Integration.Roles.Hbs.Upgrade;

/// <summary>Heartbeats are hbs's hot path: without a task, or from upgraded hosts, they must not cost Redis calls.</summary>
[Category("Integration")]
public sealed class UpgradeCoordinatorRedisCostTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Test]
    public async Task HeartbeatsWithoutATask_ReadRedisOncePerRefreshInterval()
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster: false);
        var hbs = harness.CreateCoordinator();
        var before = await CallsAsync(harness);

        for (var i = 0; i < 1000; i++)
        {
            Assert.That(await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat($"h{i}"), None), Is.Null);
        }

        var afterFirstInterval = await CallsAsync(harness);
        harness.Time.Advance(harness.Options.TaskRefreshInterval);
        for (var i = 0; i < 1000; i++)
        {
            await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat($"h{i}"), None);
        }

        var afterSecondInterval = await CallsAsync(harness);
        Assert.Multiple(() =>
        {
            Assert.That(afterFirstInterval.HGetAll - before.HGetAll, Is.EqualTo(1));
            Assert.That(afterSecondInterval.HGetAll - before.HGetAll, Is.EqualTo(2));
            Assert.That(afterSecondInterval.Scripts - before.Scripts, Is.Zero);
        });
    }

    [Test]
    public async Task HeartbeatsFromAnUpgradedHost_CostOneScriptCallInAll()
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster: false);
        var hbs = harness.CreateCoordinator();
        await hbs.PushAsync(UpgradeHarness.NewTask(), None);
        var before = await CallsAsync(harness);

        for (var i = 0; i < 500; i++)
        {
            await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("done-host", UpgradeHarness.NewVersion), None);
            await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("upgrading-host", inUpgrading: true), None);
        }

        var after = await CallsAsync(harness);
        Assert.That(after.Scripts - before.Scripts, Is.EqualTo(1));
    }

    private static async Task<(long HGetAll, long Scripts)> CallsAsync(UpgradeHarness harness)
    {
        var options = ConfigurationOptions.Parse(harness.Connection);
        options.AllowAdmin = true;
        await using var admin = await ConnectionMultiplexer.ConnectAsync(options);
        var info = await admin.GetServer(admin.GetEndPoints()[0]).InfoAsync("commandstats");
        var stats = info.SelectMany(g => g).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
        long Calls(string command) =>
            stats.TryGetValue($"cmdstat_{command}", out var value)
                ? long.Parse(value.Split(',')[0]["calls=".Length..], CultureInfo.InvariantCulture)
                : 0;
        return (Calls("hgetall"), Calls("eval") + Calls("evalsha"));
    }
}
