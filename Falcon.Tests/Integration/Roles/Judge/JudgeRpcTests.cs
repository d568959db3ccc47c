using Falcon.Tests.Integration.Roles.Hbs;

namespace Falcon.Tests.Integration.Roles.Judge;

/// <summary>Judge.Send, Judge.Ping and Judge.Metrics on a running judge, with the bad input a broken sender could send.</summary>
[Category("Integration")]
public sealed class JudgeRpcTests
{
    [Test]
    public async Task Send_OfGarbage_IsRefusedWithAReason_AndMixedBatchesKeepTheirGoodItems()
    {
        var redis = await TestServers.RedisAsync();
        var host = JudgeRoleTests.Name("rpc");
        await using var db = await JudgeRoleTests.SeededDatabaseAsync(host, maxStep: 1);
        await using var hbs = await HbsInstance.StartAsync(db, redis, JudgeRoleTests.Name("hbs"));
        await using var judge = await JudgeInstance.StartAsync(redis, hbs.RpcAddress, JudgeRoleTests.Name("ev") + ":event:p%v");
        await judge.RulesSyncedAsync(host, "cpu.busy");
        using var transfer = await GoClientConnection.OpenAsync(judge.RpcAddress);

        var notAnArray = await transfer.CallAsync("""{"method":"Judge.Send","params":[{"endpoint":"x"}],"id":1}""");
        var mixed = await transfer.CallAsync($$$"""{"method":"Judge.Send","params":[[{"endpoint":"{{{host}}}","metric":"cpu.busy","value":1,"timestamp":60,"judgeType":"GAUGE","tags":{}},{"endpoint":"{{{host}}}","metric":"cpu.busy","value":"high"}]],"id":2}""");
        var ping = await transfer.CallAsync("""{"method":"Judge.Ping","params":[null],"id":3}""");
        var metrics = await transfer.CallAsync("""{"method":"Judge.Metrics","params":[null],"id":4}""");

        Assert.Multiple(() =>
        {
            Assert.That(notAnArray, Does.Contain("\"result\":null").And.Contain("JSON array"));
            Assert.That(mixed, Is.EqualTo("""{"id":2,"result":{"code":0,"invalid":1,"dropped":0},"error":null}"""));
            Assert.That(ping, Is.EqualTo("""{"id":3,"result":{"code":0},"error":null}"""));
            Assert.That(metrics, Is.EqualTo("""{"id":4,"result":{"known":true,"metrics":["cpu.busy"]},"error":null}"""));
        });
        await Poll.UntilAsync(() => Task.FromResult(judge.Engine.SeriesCount == 1), TimeSpan.FromSeconds(10), "the good item was judged");
    }
}
