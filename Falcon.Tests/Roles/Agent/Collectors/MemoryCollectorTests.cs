using Falcon.Roles.Agent.Collectors;

namespace Falcon.Tests.Roles.Agent.Collectors;

public class MemoryCollectorTests
{
    [Test]
    public async Task KernelWithMemAvailable_UsesItAsFreeAndSendsTheForkMetrics()
    {
        var writer = await RecordingWriter.CollectAsync(new MemoryCollector(Fixture.Recorded("kernel-5.15").Proc));

        const double total = 16315872.0 * 1024;
        const double available = 8157936.0 * 1024;
        Assert.Multiple(() =>
        {
            Assert.That(writer.Value("mem.memtotal"), Is.EqualTo(total));
            Assert.That(writer.Value("mem.memfree"), Is.EqualTo(available));
            Assert.That(writer.Value("mem.memused"), Is.EqualTo(total - available));
            Assert.That(writer.Value("mem.memfree.percent"), Is.EqualTo(available * 100 / total).Within(1e-9));
            Assert.That(writer.Value("mem.memused.percent"), Is.EqualTo(100 - (available * 100 / total)).Within(1e-9));
            Assert.That(writer.Value("mem.memavailable"), Is.EqualTo(available));
            Assert.That(writer.Value("mem.memavailable.percent"), Is.EqualTo(available * 100 / total).Within(1e-9));
            Assert.That(writer.Has("mem.memavaiable.percent"), Is.False, "the fork's misspelling is fixed");
            Assert.That(writer.Value("mem.shmem"), Is.EqualTo(815793.0 * 1024));
            Assert.That(writer.Points.All(p => !p.IsCounter), Is.True);
        });
    }

    [Test]
    public async Task HostWithoutSwap_ReportsZeroSwapAndZeroPercentages()
    {
        var writer = await RecordingWriter.CollectAsync(new MemoryCollector(Fixture.Recorded("kernel-5.15").Proc));

        Assert.Multiple(() =>
        {
            Assert.That(writer.Value("mem.swaptotal"), Is.Zero);
            Assert.That(writer.Value("mem.swapused"), Is.Zero);
            Assert.That(writer.Value("mem.swapfree.percent"), Is.Zero);
            Assert.That(writer.Value("mem.swapused.percent"), Is.Zero);
        });
    }

    [Test]
    public async Task KernelWithoutMemAvailable_UsesFreePlusBuffersPlusCachedAndOmitsMemAvailable()
    {
        var writer = await RecordingWriter.CollectAsync(new MemoryCollector(Fixture.Recorded("kernel-2.6.32").Proc));

        const double free = (1234560.0 + 200000 + 3000000) * 1024;
        Assert.Multiple(() =>
        {
            Assert.That(writer.Value("mem.memfree"), Is.EqualTo(free));
            Assert.That(writer.Value("mem.memused"), Is.EqualTo((8060900.0 * 1024) - free));
            Assert.That(writer.Has("mem.memavailable"), Is.False);
            Assert.That(writer.Has("mem.memavailable.percent"), Is.False);
            Assert.That(writer.Value("mem.swaptotal"), Is.EqualTo(2097148.0 * 1024));
            Assert.That(writer.Value("mem.swapused"), Is.EqualTo((2097148.0 - 1048574) * 1024));
            Assert.That(writer.Value("mem.swapused.percent"), Is.EqualTo(50).Within(0.001));
            Assert.That(writer.Value("mem.swapfree.percent"), Is.EqualTo(50).Within(0.001));
        });
    }

    [Test]
    public async Task MalformedLines_AreSkipped()
    {
        using var tree = Fixture.Copy();
        tree.Write("proc/meminfo", "garbage\nMemTotal: lots kB\nMemTotal:  1000 kB\n:\nMemFree: 250 kB\nBuffers:\nCached: 0 kB\n");

        var writer = await RecordingWriter.CollectAsync(new MemoryCollector(tree.Proc));

        Assert.Multiple(() =>
        {
            Assert.That(writer.Value("mem.memtotal"), Is.EqualTo(1024000));
            Assert.That(writer.Value("mem.memfree.percent"), Is.EqualTo(25).Within(1e-9));
            Assert.That(writer.Has("mem.swaptotal"), Is.False);
        });
    }
}
