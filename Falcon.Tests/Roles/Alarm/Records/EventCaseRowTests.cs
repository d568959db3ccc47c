using Falcon.Roles.Alarm.Records;
using Falcon.Shared.Model.Events;
using Falcon.Tests.Roles.Alarm.Consumption;

namespace Falcon.Tests.Roles.Alarm.Records;

public sealed class EventCaseRowTests
{
    [Test]
    public void From_AStrategyEventWithTags_GivesTheValuesOpenFalconWrites()
    {
        var row = EventCaseRow.From(TestEvents.Strategy(tags: "mount=/data,core=1", currentStep: 2));

        Assert.Multiple(() =>
        {
            Assert.That(row.Metric, Is.EqualTo("cpu.idle/core=1,mount=/data"));
            Assert.That(row.Cond, Is.EqualTo("5.5 < 10"));
            Assert.That(row.Func, Is.EqualTo("all(#3)"));
            Assert.That(row.StrategyId, Is.EqualTo(12));
            Assert.That(row.TemplateId, Is.EqualTo(7));
            Assert.That(row.ExpressionId, Is.Zero);
            Assert.That(row.TplCreator, Is.EqualTo("alice"));
            Assert.That(row.MaxStep, Is.EqualTo(3));
            Assert.That(row.CurrentStep, Is.EqualTo(2));
            Assert.That(row.EventStatus, Is.Zero);
        });
    }

    [Test]
    public void From_AnExpressionEventThatIsOk_HasTheExpressionIdAndStatusOne()
    {
        var row = EventCaseRow.From(TestEvents.Expression() with { Status = JudgeEventStatus.Ok });

        Assert.Multiple(() =>
        {
            Assert.That(row.Metric, Is.EqualTo("net.in"));
            Assert.That(row.Cond, Is.EqualTo("1500 >= 1000"));
            Assert.That(row.ExpressionId, Is.EqualTo(33));
            Assert.That(row.StrategyId, Is.Zero);
            Assert.That(row.EventStatus, Is.EqualTo(1));
        });
    }
}
