using Falcon.Shared.Model.Strategies;

namespace Falcon.Tests.Shared.Model.Strategies;

public sealed class FunctionTextTests
{
    [Test]
    public void EveryNameListed_IsOneTheParserKnows()
    {
        foreach (var name in FunctionText.Names)
        {
            var func = FunctionText.TakesTwoArguments(Kind(name)) ? $"{name}(#1,2)" : $"{name}(#2)";
            Assert.That(FunctionText.TryParse(func, out _, out _, out _), Is.True, func);
        }
    }

    [TestCase("foo(#3)", "not a function the judge knows")]
    [TestCase("all(#0)", "at least 1")]
    [TestCase("lookup(#3)", "takes two arguments")]
    [TestCase("all()", "must look like name(#n)")]
    [TestCase("all(#a)", "whole numbers")]
    public void TryParse_SaysWhatIsWrong(string func, string problem)
    {
        Assert.That(FunctionText.TryParse(func, out _, out _, out _, out var said), Is.False);
        Assert.That(said, Does.Contain(problem));
    }

    private static JudgeFunctionKind Kind(string name) =>
        FunctionText.TryParse($"{name}(#1,1)", out var kind, out _, out _) ? kind : throw new AssertionException(name);
}
