using Falcon.Roles.Judge.Matching;
using Falcon.Shared.Model;
using Falcon.Shared.Model.Strategies;

namespace Falcon.Tests.Roles.Judge.Matching;

public sealed class JudgeRulesTests
{
    [Test]
    public void UsesMetric_CoversStrategyAndExpressionMetrics()
    {
        var strategies = new StrategyIndex(new StrategiesResponse
        {
            HostStrategies = [new HostStrategies { Hostname = "web01", Strategies = [new Strategy { Id = 1, Metric = "cpu.idle" }] }],
        });
        var expressions = new ExpressionIndex(new ExpressionsResponse
        {
            Expressions = [new Expression { Id = 2, Metric = "qps", Tags = TagSet.Parse("project=falcon") }],
        });

        var rules = new JudgeRules(strategies, expressions);

        Assert.Multiple(() =>
        {
            Assert.That(rules.UsesMetric("cpu.idle"), Is.True);
            Assert.That(rules.UsesMetric("qps"), Is.True);
            Assert.That(rules.UsesMetric("mem.free"), Is.False);
            Assert.That(rules.Strategies, Is.SameAs(strategies));
            Assert.That(rules.Expressions, Is.SameAs(expressions));
        });
    }

    [Test]
    public void Empty_UsesNoMetric() =>
        Assert.That(JudgeRules.Empty.UsesMetric("cpu.idle"), Is.False);
}
