using System.CommandLine;
using Falcon.Cli;
using Falcon.Cli.Silence;

namespace Falcon.Tests.Integration.Roles.Alarm.Silences;

/// <summary>`falcon silence add|list|remove` against the routes on a real listener and Redis, found from the configuration.</summary>
[Category("Integration")]
public sealed class SilenceCliTests
{
    [Test]
    public async Task AddListRemove_FindTheAlarmFromItsHttpListen()
    {
        var redis = await TestServers.RedisAsync();
        await using var alarm = await SilenceAlarmInstance.StartAsync(redis.Connection, SilenceAlarmInstance.NewPrefix());
        var listen = $"alarm.httpListen=0.0.0.0:{alarm.Address.Port}";

        var add = await RunAsync("silence", "add", "--user", "alice", "--endpoint", "host-a", "--counter", "cpu.idle", "--for", "2h", "--comment", "disk swap", "--by", "carol", "--set", listen);
        var id = (await alarm.Store.ListAsync(CancellationToken.None)).Single().Id;
        var list = await RunAsync("silence", "list", "--set", listen);
        var listBob = await RunAsync("silence", "list", "--user", "bob", "--url", $"127.0.0.1:{alarm.Address.Port}");
        var remove = await RunAsync("silence", "remove", id, "--set", listen);
        var again = await RunAsync("silence", "remove", id, "--set", listen);

        Assert.Multiple(() =>
        {
            Assert.That(add.Code, Is.EqualTo(ExitCodes.Ok), add.Error);
            Assert.That(add.Output, Does.StartWith($"silenced cpu.idle on host-a for alice until ").And.Contain($"id {id}"));
            Assert.That(list.Code, Is.EqualTo(ExitCodes.Ok), list.Error);
            Assert.That(list.Output, Does.Contain($"{id}  alice  host-a    cpu.idle").And.Contain("2h    carol  disk swap"));
            Assert.That(listBob.Output.Trim(), Is.EqualTo("no silences in force"));
            Assert.That(remove.Code, Is.EqualTo(ExitCodes.Ok), remove.Error);
            Assert.That(remove.Output.Trim(), Is.EqualTo($"silence {id} removed"));
            Assert.That(again.Code, Is.EqualTo(ExitCodes.Failed));
            Assert.That(again.Error.Trim(), Is.EqualTo($"falcon silence remove: no silence {id}: it ended or was removed already"));
            Assert.That(alarm.Store.IsSilenced("alice", "host-a", "cpu.idle", DateTimeOffset.UtcNow), Is.False);
        });
    }

    [Test]
    public async Task Add_OverTheLongestAllowed_ShowsTheAlarmsReason()
    {
        var redis = await TestServers.RedisAsync();
        await using var alarm = await SilenceAlarmInstance.StartAsync(redis.Connection, SilenceAlarmInstance.NewPrefix());

        var add = await RunAsync("silence", "add", "--user", "alice", "--endpoint", "host-a", "--counter", "cpu.idle", "--for", "60d", "--url", alarm.Address.ToString());

        Assert.Multiple(() =>
        {
            Assert.That(add.Code, Is.EqualTo(ExitCodes.Failed));
            Assert.That(add.Error, Does.StartWith("falcon silence add: the duration 60d is longer than the longest allowed, 30d (alarm.silences.maxDuration)"));
        });
    }

    [Test]
    public async Task Add_ToANonLoopbackAlarm_UsesTheConfiguredToken()
    {
        var address = SilenceApiRoutesTests.NonLoopbackAddress();
        if (address is null)
        {
            Assert.Inconclusive("this machine has no non-loopback IPv4 address");
        }

        var redis = await TestServers.RedisAsync();
        await using var alarm = await SilenceAlarmInstance.StartAsync(redis.Connection, SilenceAlarmInstance.NewPrefix(), address);
        string[] add = ["silence", "add", "--user", "alice", "--endpoint", "host-a", "--counter", "cpu.idle", "--url", alarm.Address.ToString()];

        var refused = await RunAsync(add);
        var accepted = await RunAsync([.. add, "--set", $"host.adminToken={SilenceAlarmInstance.AdminToken}"]);
        var byOption = await RunAsync([.. add, "--token", SilenceAlarmInstance.AdminToken]);

        Assert.Multiple(() =>
        {
            Assert.That(refused.Code, Is.EqualTo(ExitCodes.Failed));
            Assert.That(refused.Error, Does.Contain("the alarm refused: no privilege").And.Contain("--token"));
            Assert.That(accepted.Code, Is.EqualTo(ExitCodes.Ok), accepted.Error);
            Assert.That(byOption.Code, Is.EqualTo(ExitCodes.Ok), byOption.Error);
        });
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = new RootCommand { SilenceCommand.Create() };
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
