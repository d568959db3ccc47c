using System.Globalization;
using Falcon.Tests.Integration.Roles.Alarm.Channels;
using Falcon.Tests.Integration.Roles.Alarm.Role;
using Falcon.Tests.Integration.Roles.Hbs;
using Falcon.Tests.Integration.Shared.Portal;

namespace Falcon.Tests.Integration.Roles.Judge.Nodata;

/// <summary>
/// nodata through the real roles: `mockcfg` and a strategy in MariaDB, hbs, `--role transfer,judge`, and an alarm
/// role recording what reaches its queue. An agent sends one point and stops; its strategy on the mock value alarms.
/// </summary>
[Category("Integration")]
public sealed class NodataStackTests
{
    [Test]
    public async Task AnAgentThatStops_ItsNodataStrategyAlarms_AndTheAlarmIsRecorded()
    {
        var redis = await TestServers.RedisAsync();
        var host = NodataFillerTests.Host("stops");
        await using var db = await PortalDatabase.CreateAsync();
        await db.ExecuteAsync("INSERT INTO host (id, hostname, ip) VALUES (1, @h, '10.0.0.7')", ("@h", host));
        await db.ExecuteAsync("INSERT INTO grp (id, grp_name) VALUES (10, 'web')");
        await db.ExecuteAsync("INSERT INTO grp_host (grp_id, host_id) VALUES (10, 1)");
        await db.ExecuteAsync("INSERT INTO tpl (id, tpl_name, action_id) VALUES (100, 'base', 7)");
        await db.ExecuteAsync("INSERT INTO grp_tpl (grp_id, tpl_id) VALUES (10, 100)");
        await db.ExecuteAsync("INSERT INTO strategy (id, metric, tags, max_step, priority, func, op, right_value, tpl_id) VALUES (3100, 'agent.alive', '', 1, 0, 'all(#3)', '<', '0', 100)");
        // A step of 1 s and judge.nodata.minTimeout of 2 s: quiet after 3 s, three mocks a second apart.
        await NodataFillerTests.InsertMockAsync(db, 1, "alive", host, "host", -1, step: 1);

        await using var hbs = await HbsInstance.StartAsync(db, redis, JudgeRoleTests.Name("hbs"));
        await using var im = await FakeProviderServer.StartAsync();
        var prefix = JudgeRoleTests.Name("nodata");
        await using var alarm = await AlarmInstance.StartAsync(redis, db, prefix, im.Url("im"), "alarm.heartbeat.enabled=false");
        await using var stack = await JudgeInstance.StartWithTransferAsync(
            redis,
            hbs.RpcAddress,
            $"{prefix}:event:p%v",
            (await TestServers.VictoriaMetricsAsync()).WriteUrl,
            $"mysql.portal={db.Options.Portal}",
            "judge.nodata.minTimeout=00:00:02",
            "judge.nodata.checkInterval=00:00:00.200",
            "judge.heartbeat.enabled=false");
        await stack.RulesSyncedAsync(host, "agent.alive");

        using (var agent = await GoClientConnection.OpenAsync(stack.TransferRpcAddress))
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var reply = await agent.CallAsync(string.Create(
                CultureInfo.InvariantCulture,
                $$"""{"method":"Transfer.Update","params":[[{"metric":"agent.alive","endpoint":"{{host}}","timestamp":{{now}},"step":60,"value":1,"counterType":"GAUGE","tags":""}]],"id":0}"""));
            Assert.That(reply, Does.Contain("\"Total\":1").And.Contain("\"Invalid\":0"));
        }

        // The agent is gone: no more points. The case is recorded by the alarm role from its queue.
        await Poll.UntilAsync(
            async () => Convert.ToInt64(await db.ScalarAsync(
                $"SELECT COUNT(*) FROM {db.Databases.Alarms.Name}.event_cases WHERE endpoint = '{host}' AND status = 'PROBLEM' AND metric = 'agent.alive'"), CultureInfo.InvariantCulture) == 1,
            TimeSpan.FromSeconds(60),
            "the nodata alarm of the stopped agent recorded");
    }
}
