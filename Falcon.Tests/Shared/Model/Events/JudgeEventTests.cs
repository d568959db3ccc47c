using Falcon.Shared.Model.Events;
using Falcon.Shared.Model.Strategies;

namespace Falcon.Tests.Shared.Model.Events;

public sealed class JudgeEventTests
{
    [Test]
    public void StrategyEvent_TakesPriorityFromStrategyAndActionFromTemplate()
    {
        var judgeEvent = new JudgeEvent { Strategy = new Strategy { Priority = 2, Tpl = new Template { ActionId = 5 } } };

        Assert.Multiple(() =>
        {
            Assert.That(judgeEvent.Priority, Is.EqualTo(2));
            Assert.That(judgeEvent.ActionId, Is.EqualTo(5));
        });
    }

    [Test]
    public void ExpressionEvent_TakesPriorityAndActionFromExpression()
    {
        var judgeEvent = new JudgeEvent { Expression = new Expression { Priority = 4, ActionId = 9 } };

        Assert.Multiple(() =>
        {
            Assert.That(judgeEvent.Priority, Is.EqualTo(4));
            Assert.That(judgeEvent.ActionId, Is.EqualTo(9));
        });
    }

    [Test]
    public void StrategyWithoutTemplate_HasActionZero()
    {
        var judgeEvent = new JudgeEvent { Strategy = new Strategy { Priority = 1 } };

        Assert.That(judgeEvent.ActionId, Is.Zero);
    }
}
