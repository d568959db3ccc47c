using Falcon.Shared.Model;

namespace Falcon.Tests.Shared.Model;

public sealed class StepRuleTests
{
    [Test]
    public void Apply_WhenStepBelowMinStep_RaisesStepAndAlignsToIt()
    {
        var (step, timestamp) = StepRule.Apply(10, 1_700_000_017);

        Assert.Multiple(() =>
        {
            Assert.That(step, Is.EqualTo(30));
            Assert.That(timestamp, Is.EqualTo(1_700_000_010));
        });
    }

    [Test]
    public void Apply_WhenStepAboveMinStep_KeepsStepAndAlignsToIt()
    {
        var (step, timestamp) = StepRule.Apply(60, 1_700_000_059);

        Assert.Multiple(() =>
        {
            Assert.That(step, Is.EqualTo(60));
            Assert.That(timestamp, Is.EqualTo(1_700_000_040));
        });
    }

    [Test]
    public void Apply_WhenTimestampAlreadyAligned_KeepsIt()
    {
        Assert.That(StepRule.Apply(60, 1_699_999_980).Timestamp, Is.EqualTo(1_699_999_980));
    }

    [Test]
    public void Apply_WhenCustomMinStep_UsesIt()
    {
        Assert.That(StepRule.Apply(10, 125, minStep: 20), Is.EqualTo((20L, 120L)));
    }

    [Test]
    public void Apply_WhenStepAndMinStepNotPositive_Throws()
    {
        Assert.That(() => StepRule.Apply(0, 100, minStep: 0), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
