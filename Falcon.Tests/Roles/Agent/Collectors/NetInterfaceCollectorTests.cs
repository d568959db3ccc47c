using Falcon.Roles.Agent.Collectors;

namespace Falcon.Tests.Roles.Agent.Collectors;

public class NetInterfaceCollectorTests
{
    [Test]
    public async Task EmptyPrefixList_ReportsEveryInterfaceButLoopback()
    {
        var tree = Fixture.Recorded("kernel-5.15");

        var writer = await RecordingWriter.CollectAsync(new NetInterfaceCollector(tree.Proc, tree.Sys, []));

        Assert.That(writer.TagsOf("net.if.in.bytes").Order(), Is.EqualTo(new[] { "iface=docker0", "iface=ens3", "iface=veth1a2b" }));
    }

    [Test]
    public async Task PrefixList_ReportsOnlyMatchingInterfaces()
    {
        var tree = Fixture.Recorded("kernel-5.15");

        var writer = await RecordingWriter.CollectAsync(new NetInterfaceCollector(tree.Proc, tree.Sys, ["eth", "em", "ens"]));

        Assert.That(writer.TagsOf("net.if.in.bytes"), Is.EqualTo(new[] { "iface=ens3" }));
    }

    [Test]
    public async Task Counters_MapEveryColumnOfProcNetDev()
    {
        var tree = Fixture.Recorded("kernel-2.6.32");

        var writer = await RecordingWriter.CollectAsync(new NetInterfaceCollector(tree.Proc, tree.Sys, ["eth0"]));

        const string eth0 = "iface=eth0";
        var expected = new Dictionary<string, double>
        {
            ["net.if.in.bytes"] = 1813578932, ["net.if.in.packets"] = 8467283, ["net.if.in.errors"] = 1, ["net.if.in.dropped"] = 2,
            ["net.if.in.fifo.errs"] = 3, ["net.if.in.frame.errs"] = 4, ["net.if.in.compressed"] = 5, ["net.if.in.multicast"] = 6,
            ["net.if.out.bytes"] = 427584332, ["net.if.out.packets"] = 3960455, ["net.if.out.errors"] = 7, ["net.if.out.dropped"] = 8,
            ["net.if.out.fifo.errs"] = 9, ["net.if.out.collisions"] = 10, ["net.if.out.carrier.errs"] = 11, ["net.if.out.compressed"] = 12,
            ["net.if.total.bytes"] = 1813578932.0 + 427584332, ["net.if.total.packets"] = 8467283.0 + 3960455,
            ["net.if.total.errors"] = 8, ["net.if.total.dropped"] = 10,
            ["net.if.in.bits"] = 1813578932.0 * 8, ["net.if.out.bits"] = 427584332.0 * 8, ["net.if.total.bits"] = (1813578932.0 + 427584332) * 8,
            ["net.if.in.percent"] = 1813578932.0 * 8 * 100 / 1e9, ["net.if.out.percent"] = 427584332.0 * 8 * 100 / 1e9,
        };
        Assert.Multiple(() =>
        {
            foreach (var (metric, value) in expected)
            {
                var point = writer.Point(metric, eth0);
                Assert.That(point.Value, Is.EqualTo(value).Within(1e-6), metric);
                Assert.That(point.IsCounter, Is.True, metric);
            }

            Assert.That(writer.Point("net.if.speed.bits", eth0), Is.EqualTo(new RecordedPoint("net.if.speed.bits", 1e9, eth0, false)));
        });
    }

    [Test]
    public async Task InterfacesWithoutSpeed_ReportZeroSpeedAndNoPercent()
    {
        var tree = Fixture.Recorded("kernel-5.15");

        var writer = await RecordingWriter.CollectAsync(new NetInterfaceCollector(tree.Proc, tree.Sys, []));

        Assert.Multiple(() =>
        {
            Assert.That(writer.Value("net.if.speed.bits", "iface=ens3"), Is.EqualTo(25e9));
            Assert.That(writer.Value("net.if.speed.bits", "iface=docker0"), Is.Zero, "speed -1 (link down)");
            Assert.That(writer.Value("net.if.speed.bits", "iface=veth1a2b"), Is.Zero, "no speed file");
            Assert.That(writer.TagsOf("net.if.in.percent"), Is.EqualTo(new[] { "iface=ens3" }));
        });
    }

    [Test]
    public async Task HeaderAndMalformedLines_AreSkipped()
    {
        var tree = Fixture.Recorded("kernel-2.6.32");

        var writer = await RecordingWriter.CollectAsync(new NetInterfaceCollector(tree.Proc, tree.Sys, []));

        Assert.That(writer.TagsOf("net.if.in.bytes").Order(), Is.EqualTo(new[] { "iface=eth0", "iface=eth1" }));
    }

    [Test]
    public async Task OldKernelFormatWithoutSpaceAfterTheColon_IsRead()
    {
        using var tree = Fixture.Copy();
        tree.Write("proc/net/dev", "h\nh\n  eth0:4294967296 1 0 0 0 0 0 0 5 1 0 0 0 0 0 0\n");

        var writer = await RecordingWriter.CollectAsync(new NetInterfaceCollector(tree.Proc, tree.Sys, []));

        Assert.That(writer.Value("net.if.in.bytes", "iface=eth0"), Is.EqualTo(4294967296));
    }
}
