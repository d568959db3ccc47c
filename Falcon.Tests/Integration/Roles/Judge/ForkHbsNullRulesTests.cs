using Falcon.Roles.Judge;
using Falcon.Roles.Judge.Sync;
using Falcon.Shared.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Integration.Roles.Judge;

[Category("Integration")]
public sealed class ForkHbsNullRulesTests
{
    [Test]
    public async Task AJudgeSyncingFromAGoHbs_ReadsItsNullListsAndTagsAsEmpty()
    {
        await using var hbs = new ForkHbsFake();
        // As a Go hbs writes them: nil tags, a host whose strategy slice is nil, no expressions at all.
        hbs.Answer("Hbs.GetStrategies", """{"hostStrategies":[{"hostname":"web-01","strategies":[{"id":1000,"metric":"cpu.idle","tags":null,"func":"all(#3)","operator":"<","rightValue":10,"maxStep":3,"priority":0,"note":"","tpl":{"id":100,"name":"base","parentId":0,"actionId":7,"creator":""},"union_strategy_id":0}]},{"hostname":"web-02","strategies":null}]}""");
        hbs.Answer("Hbs.GetExpressions", """{"expressions":null}""");
        using var meters = new TestMeterFactory();
        await using var sync = new RuleSync(Options.Create(new JudgeOptions { Hbs = [hbs.Address] }), TimeProvider.System, NullLogger<RuleSync>.Instance, meters);

        var synced = await sync.SyncOnceAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(synced, Is.True);
            Assert.That(sync.Current.Strategies.Match("web-01", "cpu.idle", TagSet.Empty).Select(s => s.Id), Is.EqualTo(new[] { 1000 }));
            Assert.That(sync.Current.Strategies.Match("web-02", "cpu.idle", TagSet.Empty), Is.Empty);
            Assert.That(sync.Current.UsesMetric("qps"), Is.False);
        });
    }
}
