using Falcon.Shared.Model.Strategies;

namespace Falcon.Tests.Roles.Judge.Evaluation;

public sealed class JudgeOperatorsTests
{
    [TestCase(1.00005, "==", true)]
    [TestCase(1.00005, "=", true)]
    [TestCase(1.0002, "==", false)]
    [TestCase(1.00005, "!=", false)]
    [TestCase(1.0002, "!=", true)]
    public void Check_Equality_UsesATolerance(double left, string op, bool expected)
    {
        Assert.That(JudgeOperators.Check(left, JudgeOperators.Parse(op), 1), Is.EqualTo(expected));
    }

    [TestCase(1, "<", 2, true)]
    [TestCase(2, "<", 2, false)]
    [TestCase(2, "<=", 2, true)]
    [TestCase(3, ">", 2, true)]
    [TestCase(2, ">", 2, false)]
    [TestCase(2, ">=", 2, true)]
    public void Check_Ordering_IsExact(double left, string op, double right, bool expected)
    {
        Assert.That(JudgeOperators.Check(left, JudgeOperators.Parse(op), right), Is.EqualTo(expected));
    }

    [TestCase("<>")]
    [TestCase("")]
    [TestCase("=>")]
    public void Check_WithAnUnknownOperator_NeverTriggers(string op)
    {
        Assert.Multiple(() =>
        {
            Assert.That(JudgeOperators.Parse(op), Is.EqualTo(JudgeOperator.Unknown));
            Assert.That(JudgeOperators.Check(1, JudgeOperators.Parse(op), 1), Is.False);
        });
    }
}
