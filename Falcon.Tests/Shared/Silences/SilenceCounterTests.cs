using Falcon.Shared.Model;
using Falcon.Shared.Silences;

namespace Falcon.Tests.Shared.Silences;

public sealed class SilenceCounterTests
{
    [TestCase("cpu.idle", "cpu.idle")]
    [TestCase("df.bytes.free.percent/mount=/data", "df.bytes.free.percent/mount=/data")]
    [TestCase("net.if.in.bytes/iface=eth0,dir=in", "net.if.in.bytes/dir=in,iface=eth0")]
    [TestCase("net.if.in.bytes/iface = eth0", "net.if.in.bytes/iface=eth0")]
    public void TryParse_GivesOpenFalconsCanonicalCounter(string text, string canonical)
    {
        Assert.That(SilenceCounter.TryParse(text, out var problem)?.Canonical, Is.EqualTo(canonical), problem);
    }

    [TestCase(null, "counter is empty")]
    [TestCase("  ", "counter is empty")]
    [TestCase("/mount=/data", "no metric")]
    [TestCase("cpu.idle/", "not k=v")]
    [TestCase("cpu.idle/core", "not k=v")]
    [TestCase("cpu.idle/=3", "not k=v")]
    [TestCase("cpu\nidle", "control characters")]
    public void TryParse_OfSomethingElse_SaysWhatIsWrong(string? text, string problem)
    {
        var counter = SilenceCounter.TryParse(text, out var message);

        Assert.Multiple(() =>
        {
            Assert.That(counter, Is.Null);
            Assert.That(message, Does.Contain(problem));
        });
    }

    [Test]
    public void TryParse_OfAnOverlongCounter_IsRefused()
    {
        Assert.That(SilenceCounter.TryParse(new string('m', SilenceCounter.MaxLength + 1), out var problem), Is.Null);
        Assert.That(problem, Does.Contain("longer than"));
    }

    [TestCase("cpu.idle", "cpu.idle", "", true)]
    [TestCase("cpu.idle", "cpu.idle", "core=3", true)]
    [TestCase("cpu.idle", "cpu.busy", "", false)]
    [TestCase("df.bytes.free.percent/mount=/data", "df.bytes.free.percent", "fstype=ext4,mount=/data", true)]
    [TestCase("df.bytes.free.percent/mount=/data", "df.bytes.free.percent", "mount=/", false)]
    [TestCase("df.bytes.free.percent/mount=/data", "df.bytes.free.percent", "", false)]
    [TestCase("df.bytes.free.percent/mount=/data,fstype=xfs", "df.bytes.free.percent", "fstype=ext4,mount=/data", false)]
    public void Matches_TheMetric_AndEveryTagItNames(string silence, string metric, string tags, bool expected)
    {
        var counter = SilenceCounter.TryParse(silence, out _)!;

        Assert.That(counter.Matches(metric, TagSet.Parse(tags)), Is.EqualTo(expected));
    }
}
