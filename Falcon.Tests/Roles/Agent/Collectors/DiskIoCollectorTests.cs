using Falcon.Roles.Agent.Collectors;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Roles.Agent.Collectors;

public class DiskIoCollectorTests
{
    [TestCase("sda", true)]
    [TestCase("vdb", true)]
    [TestCase("sdab", true)]
    [TestCase("sda1", false)]
    [TestCase("vda3", false)]
    [TestCase("sdaaa", false)]
    [TestCase("xvda", true)]
    [TestCase("xvda1", true)]
    [TestCase("fioa", true)]
    [TestCase("nvme0n1", true)]
    [TestCase("nbd0", true)]
    [TestCase("dm-0", false)]
    [TestCase("loop0", false)]
    [TestCase("ram0", false)]
    [TestCase("zram0", false)]
    public void ShouldHandleDevice_FollowsOpenFalcon(string device, bool handled) =>
        Assert.That(DiskIoCollector.ShouldHandleDevice(device), Is.EqualTo(handled));

    [Test]
    public async Task ElevenFieldKernel_SendsTheRawCountersOfSelectedDevicesOnly()
    {
        var collector = new DiskIoCollector(Fixture.Recorded("kernel-2.6.32").Proc, new FakeTimeProvider());

        var writer = await RecordingWriter.CollectAsync(collector);

        Assert.Multiple(() =>
        {
            Assert.That(writer.TagsOf("disk.io.read_requests").Order(), Is.EqualTo(new[] { "device=sda", "device=sdb", "device=xvda" }));
            Assert.That(writer.Point("disk.io.read_requests", "device=sda"), Is.EqualTo(new RecordedPoint("disk.io.read_requests", 40120, "device=sda", true)));
            Assert.That(writer.Value("disk.io.read_merged", "device=sda"), Is.EqualTo(2203));
            Assert.That(writer.Value("disk.io.read_sectors", "device=sda"), Is.EqualTo(1537738));
            Assert.That(writer.Value("disk.io.msec_read", "device=sda"), Is.EqualTo(184270));
            Assert.That(writer.Value("disk.io.write_requests", "device=sda"), Is.EqualTo(37720));
            Assert.That(writer.Value("disk.io.write_merged", "device=sda"), Is.EqualTo(52130));
            Assert.That(writer.Value("disk.io.write_sectors", "device=sda"), Is.EqualTo(719584));
            Assert.That(writer.Value("disk.io.msec_write", "device=sda"), Is.EqualTo(1231370));
            Assert.That(writer.Point("disk.io.ios_in_progress", "device=sda").IsCounter, Is.True);
            Assert.That(writer.Value("disk.io.msec_total", "device=sda"), Is.EqualTo(301990));
            Assert.That(writer.Value("disk.io.msec_weighted_total", "device=sda"), Is.EqualTo(1415640));
            Assert.That(writer.Has("disk.io.util"), Is.False, "no derived gauges on the first pass");
        });
    }

    [Test]
    public async Task SeventeenFieldKernel_IgnoresTheDiscardAndFlushColumns()
    {
        var collector = new DiskIoCollector(Fixture.Recorded("kernel-5.15").Proc, new FakeTimeProvider());

        var writer = await RecordingWriter.CollectAsync(collector);

        Assert.Multiple(() =>
        {
            Assert.That(writer.TagsOf("disk.io.msec_weighted_total").Order(), Is.EqualTo(new[] { "device=nbd0", "device=nvme0n1", "device=nvme0n1p1", "device=sda", "device=vda" }));
            Assert.That(writer.Value("disk.io.ios_in_progress", "device=nvme0n1"), Is.EqualTo(2));
            Assert.That(writer.Value("disk.io.msec_weighted_total", "device=nvme0n1"), Is.EqualTo(470000));
        });
    }

    [Test]
    public async Task SecondPass_DerivesIostatGaugesOverTheInterval()
    {
        using var tree = Fixture.Copy();
        var time = new FakeTimeProvider();
        var collector = new DiskIoCollector(tree.Proc, time);
        tree.Write("proc/diskstats", "   8 0 sda 100 0 1000 500 200 0 2000 1500 1 10000 20000\n");
        await RecordingWriter.CollectAsync(collector);

        time.Advance(TimeSpan.FromSeconds(10));
        // Δ over 10 s: 50 reads of 400 sectors taking 250 ms, 50 writes of 600 sectors taking 750 ms, busy 5000 ms,
        // weighted 30000 ms.
        tree.Write("proc/diskstats", "   8 0 sda 150 0 1400 750 250 0 2600 2250 0 15000 50000 7 7 7 7\n");
        var writer = await RecordingWriter.CollectAsync(collector);

        Assert.Multiple(() =>
        {
            Assert.That(writer.Value("disk.io.read_bytes", "device=sda"), Is.EqualTo(400.0 * 512 / 10).Within(1e-9));
            Assert.That(writer.Value("disk.io.write_bytes", "device=sda"), Is.EqualTo(600.0 * 512 / 10).Within(1e-9));
            Assert.That(writer.Value("disk.io.avgrq_sz", "device=sda"), Is.EqualTo(10).Within(1e-9));
            Assert.That(writer.Value("disk.io.avgqu-sz", "device=sda"), Is.EqualTo(3).Within(1e-9));
            Assert.That(writer.Value("disk.io.await", "device=sda"), Is.EqualTo(10).Within(1e-9));
            Assert.That(writer.Value("disk.io.svctm", "device=sda"), Is.EqualTo(50).Within(1e-9));
            Assert.That(writer.Value("disk.io.util", "device=sda"), Is.EqualTo(50).Within(1e-9));
            Assert.That(writer.Point("disk.io.util", "device=sda").IsCounter, Is.False);
        });
    }

    [Test]
    public async Task Util_IsCappedAtOneHundredAndIdleDisksReportZero()
    {
        using var tree = Fixture.Copy();
        var time = new FakeTimeProvider();
        var collector = new DiskIoCollector(tree.Proc, time);
        tree.Write("proc/diskstats", "8 0 sda 1 0 1 1 1 0 1 1 0 0 0\n8 16 sdb 5 0 5 5 5 0 5 5 0 5 5\n");
        await RecordingWriter.CollectAsync(collector);
        time.Advance(TimeSpan.FromSeconds(1));
        tree.Write("proc/diskstats", "8 0 sda 1 0 1 1 2 0 9 1 0 1500 1500\n8 16 sdb 5 0 5 5 5 0 5 5 0 5 5\n");

        var writer = await RecordingWriter.CollectAsync(collector);

        Assert.Multiple(() =>
        {
            Assert.That(writer.Value("disk.io.util", "device=sda"), Is.EqualTo(100));
            Assert.That(writer.Value("disk.io.util", "device=sdb"), Is.Zero);
            Assert.That(writer.Value("disk.io.await", "device=sdb"), Is.Zero);
            Assert.That(writer.Value("disk.io.avgrq_sz", "device=sdb"), Is.Zero);
        });
    }

    [Test]
    public async Task CounterReset_SkipsTheDerivedGaugesForThatPassOnly()
    {
        using var tree = Fixture.Copy();
        var time = new FakeTimeProvider();
        var collector = new DiskIoCollector(tree.Proc, time);
        tree.Write("proc/diskstats", "8 0 sda 100 0 100 100 100 0 100 100 0 100 100\n");
        await RecordingWriter.CollectAsync(collector);
        time.Advance(TimeSpan.FromSeconds(30));
        tree.Write("proc/diskstats", "8 0 sda 10 0 10 10 10 0 10 10 0 10 10\n");
        var afterReset = await RecordingWriter.CollectAsync(collector);
        time.Advance(TimeSpan.FromSeconds(30));
        tree.Write("proc/diskstats", "8 0 sda 20 0 10 10 10 0 10 10 0 3010 10\n");
        var next = await RecordingWriter.CollectAsync(collector);

        Assert.Multiple(() =>
        {
            Assert.That(afterReset.Has("disk.io.util"), Is.False);
            Assert.That(afterReset.Value("disk.io.read_requests", "device=sda"), Is.EqualTo(10), "raw counters are still sent");
            Assert.That(next.Value("disk.io.util", "device=sda"), Is.EqualTo(10).Within(1e-9));
        });
    }

    [Test]
    public async Task ShortAndMalformedLines_AreSkipped()
    {
        using var tree = Fixture.Copy();
        tree.Write("proc/diskstats", "8 32 sdc 1 2 3\n8 48 sdd 1 2 3 4 5 6 7 8 9 ten 11\n\n8 0 sda 1 2 3 4 5 6 7 8 9 10 11\n");

        var writer = await RecordingWriter.CollectAsync(new DiskIoCollector(tree.Proc, new FakeTimeProvider()));

        Assert.That(writer.TagsOf("disk.io.read_requests"), Is.EqualTo(new[] { "device=sda" }));
    }
}
