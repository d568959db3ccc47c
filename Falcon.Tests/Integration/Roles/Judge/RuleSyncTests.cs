using Falcon.Roles.Judge;
using Falcon.Roles.Judge.Sync;
using Falcon.Shared.Model;
using Falcon.Tests.Integration.Roles.Hbs;
using Falcon.Tests.Integration.Servers;
using Falcon.Tests.Integration.Shared.Portal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Integration.Roles.Judge;

[Category("Integration")]
public sealed class RuleSyncTests
{
    [Test]
    public async Task SyncOnce_InstallsHbsRules_AndKeepsThemWhenHbsGoesAway()
    {
        await using var db = await SeededDatabaseAsync();
        var hbs = await HbsInstance.StartAsync(db, await TestServers.RedisAsync(), Prefix());
        using var meters = new TestMeterFactory();
        await using var sync = NewSync(meters, hbs.RpcAddress);

        // hbs loads its snapshot in the background, so its first answers may still be empty.
        await Poll.ForAsync(async () => await sync.SyncOnceAsync(CancellationToken.None) && HasStrategy(sync), ok => ok);
        var rules = sync.Current;
        var lastSuccess = sync.LastSuccess;
        Assert.Multiple(() =>
        {
            Assert.That(rules.Strategies.Match("web-01", "cpu.idle", TagSet.Empty).Select(s => s.Id), Is.EqualTo(new[] { 1000 }));
            Assert.That(rules.UsesMetric("qps"), Is.True);
            Assert.That(lastSuccess, Is.Not.Null);
            Assert.That(sync.WaitForFirstSyncAsync(CancellationToken.None).IsCompletedSuccessfully, Is.True);
        });

        await hbs.DisposeAsync();
        var failuresBefore = meters.Sum("falcon.judge.sync.failures");
        var synced = await sync.SyncOnceAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(synced, Is.False);
            Assert.That(sync.Current, Is.SameAs(rules));
            Assert.That(sync.LastSuccess, Is.EqualTo(lastSuccess));
            Assert.That(meters.Sum("falcon.judge.sync.failures") - failuresBefore, Is.EqualTo(1));
            Assert.That(meters.Sum("falcon.judge.sync.successes"), Is.GreaterThanOrEqualTo(1));
        });
    }

    [Test]
    public async Task SyncOnce_WithTheFirstHbsDown_FailsOverToTheNext()
    {
        await using var db = await SeededDatabaseAsync();
        await using var hbs = await HbsInstance.StartAsync(db, await TestServers.RedisAsync(), Prefix());
        using var meters = new TestMeterFactory();
        await using var sync = NewSync(meters, $"127.0.0.1:{ServerProcess.FreePort()}", hbs.RpcAddress);

        await Poll.ForAsync(async () => await sync.SyncOnceAsync(CancellationToken.None) && HasStrategy(sync), ok => ok);

        Assert.That(sync.Current.UsesMetric("cpu.idle"), Is.True);
    }

    [Test]
    public async Task Started_BeforeHbs_GetsTheRulesSoonAfterHbsComes_NotAfterAWholeSyncInterval()
    {
        await using var db = await SeededDatabaseAsync();
        var port = ServerProcess.FreePort();
        using var meters = new TestMeterFactory();
        await using var sync = new RuleSync(
            Options.Create(new JudgeOptions { Hbs = [$"127.0.0.1:{port}"], SyncInterval = TimeSpan.FromHours(1) }),
            TimeProvider.System,
            NullLogger<RuleSync>.Instance,
            meters);
        await sync.StartAsync(CancellationToken.None);
        await Poll.UntilAsync(() => Task.FromResult(meters.Sum("falcon.judge.sync.failures") >= 1), TimeSpan.FromSeconds(10), "the first sync failed");

        await using var hbs = await HbsInstance.StartAsync(db, await TestServers.RedisAsync(), Prefix(), $"hbs.rpcListen=127.0.0.1:{port}");

        await Poll.UntilAsync(() => Task.FromResult(HasStrategy(sync)), TimeSpan.FromSeconds(30), "rules arrived once hbs was up");
        await sync.StopAsync(CancellationToken.None);
    }

    private static RuleSync NewSync(TestMeterFactory meters, params string[] hbs) =>
        new(
            Options.Create(new JudgeOptions { Hbs = hbs }),
            TimeProvider.System,
            NullLogger<RuleSync>.Instance,
            meters);

    private static bool HasStrategy(RuleSync sync) => sync.Current.Strategies.Match("web-01", "cpu.idle", TagSet.Empty).Count > 0;

    private static async Task<PortalDatabase> SeededDatabaseAsync()
    {
        var db = await PortalDatabase.CreateAsync();
        await db.ExecuteAsync("INSERT INTO host (id, hostname, ip) VALUES (1, 'web-01', '10.0.0.7')");
        await db.ExecuteAsync("INSERT INTO grp (id, grp_name) VALUES (10, 'web')");
        await db.ExecuteAsync("INSERT INTO grp_host (grp_id, host_id) VALUES (10, 1)");
        await db.ExecuteAsync("INSERT INTO tpl (id, tpl_name, action_id) VALUES (100, 'base', 7)");
        await db.ExecuteAsync("INSERT INTO grp_tpl (grp_id, tpl_id) VALUES (10, 100)");
        await db.ExecuteAsync("INSERT INTO strategy (id, metric, tags, max_step, priority, func, op, right_value, tpl_id) VALUES (1000, 'cpu.idle', '', 3, 0, 'all(#3)', '<', '10', 100)");
        await db.ExecuteAsync("INSERT INTO expression (id, expression, func, op, right_value, max_step, priority, action_id) VALUES (5, 'each(metric=qps project=shop)', 'all(#1)', '>', '100', 1, 2, 7)");
        return db;
    }

    private static string Prefix() => "t" + Guid.NewGuid().ToString("N")[..8];
}
