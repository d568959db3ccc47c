using Falcon.Shared.Model.Events;

namespace Falcon.Tests.Shared.Model.Events;

public sealed class EventQueuesTests
{
    [TestCase(0, "event:p0")]
    [TestCase(3, "event:p3")]
    [TestCase(6, "event:p6")]
    [TestCase(12, "event:p12")]
    public void QueueKey_DefaultPattern_AppendsTheDecimalPriority(int priority, string expected) =>
        Assert.That(EventQueues.QueueKey(EventQueues.DefaultPattern, priority), Is.EqualTo(expected));

    [TestCase("falcon:%v:events", 2, "falcon:2:events")]
    [TestCase("q%d", 5, "q5")]
    [TestCase("100%%:%v", 1, "100%:1")]
    public void QueueKey_CustomPattern_FormatsAsGoSprintf(string pattern, int priority, string expected) =>
        Assert.That(EventQueues.QueueKey(pattern, priority), Is.EqualTo(expected));

    [TestCase("event:p")]
    [TestCase("event:p%v%v")]
    [TestCase("event:p%s")]
    [TestCase("event:p%")]
    public void QueueKey_PatternWithoutOneVerb_Throws(string pattern)
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => EventQueues.QueueKey(pattern, 1), Throws.TypeOf<FormatException>());
            Assert.That(EventQueues.IsValidPattern(pattern), Is.False);
        });
    }

    [Test]
    public void IsValidPattern_DefaultPattern_IsTrue() =>
        Assert.That(EventQueues.IsValidPattern(EventQueues.DefaultPattern), Is.True);
}
