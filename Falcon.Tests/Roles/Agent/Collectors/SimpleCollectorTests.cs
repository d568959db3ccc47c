using Falcon.Roles.Agent.Collectors;

namespace Falcon.Tests.Roles.Agent.Collectors;

public class SimpleCollectorTests
{
    [Test]
    public async Task Agent_IsAlive()
    {
        var writer = await RecordingWriter.CollectAsync(new AgentCollector());

        Assert.That(writer.Points, Is.EqualTo(new[] { new RecordedPoint("agent.alive", 1, "", false) }));
    }

    [TestCase("kernel-2.6.32", 0.52, 0.58, 0.59)]
    [TestCase("kernel-5.15", 1.25, 0.75, 0.50)]
    public async Task Load_ReadsTheThreeAverages(string kernel, double one, double five, double fifteen)
    {
        var writer = await RecordingWriter.CollectAsync(new LoadCollector(Fixture.Recorded(kernel).Proc));

        Assert.Multiple(() =>
        {
            Assert.That(writer.Value("load.1min"), Is.EqualTo(one));
            Assert.That(writer.Value("load.5min"), Is.EqualTo(five));
            Assert.That(writer.Value("load.15min"), Is.EqualTo(fifteen));
        });
    }

    [Test]
    public async Task Kernel_ReadsFileAndProcessLimits()
    {
        var writer = await RecordingWriter.CollectAsync(new KernelCollector(Fixture.Recorded("kernel-2.6.32").Proc));

        Assert.Multiple(() =>
        {
            Assert.That(writer.Value("kernel.maxfiles"), Is.EqualTo(786418));
            Assert.That(writer.Value("kernel.maxproc"), Is.EqualTo(32768));
            Assert.That(writer.Value("kernel.files.allocated"), Is.EqualTo(1792));
            Assert.That(writer.Value("kernel.files.left"), Is.EqualTo(786418 - 1792));
        });
    }

    [Test]
    public async Task Kernel_WithTheSixtyFourBitFileMaxOfNewKernels_StaysPositive()
    {
        var writer = await RecordingWriter.CollectAsync(new KernelCollector(Fixture.Recorded("kernel-5.15").Proc));

        Assert.Multiple(() =>
        {
            Assert.That(writer.Value("kernel.maxfiles"), Is.EqualTo(9.223372036854775807e18));
            Assert.That(writer.Value("kernel.files.left"), Is.GreaterThan(9e18));
            Assert.That(writer.Value("kernel.maxproc"), Is.EqualTo(4194304));
        });
    }

    [Test]
    public async Task Uptime_IsSecondsSinceBoot()
    {
        var writer = await RecordingWriter.CollectAsync(new UptimeCollector(Fixture.Recorded("kernel-5.15").Proc));

        Assert.That(writer.Point("sys.uptime"), Is.EqualTo(new RecordedPoint("sys.uptime", 86400.5, "", false)));
    }

    [Test]
    public async Task MissingOrMalformedFiles_WriteNothing()
    {
        using var tree = Fixture.Copy();
        tree.Write("proc/loadavg", "x y z\n");
        tree.Write("proc/uptime", "");

        var load = await RecordingWriter.CollectAsync(new LoadCollector(tree.Proc));
        var kernel = await RecordingWriter.CollectAsync(new KernelCollector(tree.Proc));
        var uptime = await RecordingWriter.CollectAsync(new UptimeCollector(tree.Proc));

        Assert.Multiple(() =>
        {
            Assert.That(load.Points, Is.Empty);
            Assert.That(kernel.Points, Is.Empty);
            Assert.That(uptime.Points, Is.Empty);
        });
    }
}
