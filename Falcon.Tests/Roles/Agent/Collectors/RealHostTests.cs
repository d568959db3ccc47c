using Falcon.Roles.Agent.Collectors;
using Falcon.Shared.Model.Agents;

namespace Falcon.Tests.Roles.Agent.Collectors;

/// <summary>Every collector against this machine's /proc and /sys, and against a recorded recent kernel.</summary>
public class RealHostTests
{
    [Test]
    public async Task EveryCollector_OnThisHost_ReportsSaneValues()
    {
        var builtins = new BuiltinMetricSet();
        builtins.Replace([new BuiltinMetric("proc.num", "name=no-such-process-name"), new BuiltinMetric("du.bs", "path=" + TestContext.CurrentContext.TestDirectory)], "c");
        using var client = new HttpClient();
        var collectors = CollectorCatalog.Create(new CollectorOptions { PerCore = true }, builtins, TimeProvider.System, client, "host");
        var first = new RecordingWriter();
        foreach (var collector in collectors)
        {
            await collector.CollectAsync(first, CancellationToken.None);
        }

        // CPU percentages need a second pass after at least one clock tick.
        var cpu = collectors.Single(c => c.Name == "cpu");
        var second = new RecordingWriter();
        await Poll.UntilAsync(async () =>
        {
            second = new RecordingWriter();
            await cpu.CollectAsync(second, CancellationToken.None);
            return second.Has("cpu.idle") && second.Has("percore.busy");
        }, what: "cpu.idle and percore.busy on a later pass");

        int cores = Environment.ProcessorCount;
        Assert.Multiple(() =>
        {
            Assert.That(first.Value("agent.alive"), Is.EqualTo(1));
            Assert.That(first.Value("mem.memtotal"), Is.GreaterThan(0));
            Assert.That(first.Value("mem.memfree"), Is.InRange(0, first.Value("mem.memtotal")));
            Assert.That(first.Value("mem.memused.percent"), Is.InRange(0, 100));
            Assert.That(first.Value("load.1min"), Is.GreaterThanOrEqualTo(0));
            Assert.That(first.Value("kernel.maxfiles"), Is.GreaterThan(0));
            Assert.That(first.Value("kernel.files.allocated"), Is.GreaterThan(0));
            Assert.That(first.Value("sys.uptime"), Is.GreaterThan(0));
            Assert.That(first.Value("cpu.switches"), Is.GreaterThan(0));
            Assert.That(first.Value("host.cpucores"), Is.GreaterThanOrEqualTo(1));
            Assert.That(second.Value("cpu.idle"), Is.InRange(0, 100));
            Assert.That(second.Value("cpu.busy"), Is.InRange(0, 100));
            Assert.That(second.Value("cpu.idle") + second.Value("cpu.busy"), Is.EqualTo(100).Within(1e-9));
            Assert.That(second.TagsOf("percore.busy").Count(), Is.InRange(1, Math.Max(cores, 1024)));
            Assert.That(first.Value("snmp.Udp.InDatagrams"), Is.GreaterThanOrEqualTo(0));
            Assert.That(first.Value("TcpExt.TCPFastRetrans"), Is.GreaterThanOrEqualTo(0));
            Assert.That(first.Value("ss.estab"), Is.GreaterThanOrEqualTo(0));
            Assert.That(first.Value("ss.closed"), Is.GreaterThanOrEqualTo(0));
            Assert.That(first.Value("df.bytes.total", first.TagsOf("df.bytes.total").First()), Is.GreaterThan(0), "at least one real file system");
            Assert.That(first.Value("df.statistics.used.percent"), Is.InRange(0, 100));
            Assert.That(first.Value("proc.num", "name=no-such-process-name"), Is.Zero);
            Assert.That(first.Value("du.bs", "path=" + TestContext.CurrentContext.TestDirectory), Is.GreaterThan(1000));
            Assert.That(first.Points.Select(p => p.Value), Has.All.Not.NaN);
        });

        // Interfaces and disks depend on the machine; if it has any, their values are sane.
        foreach (var tags in first.TagsOf("net.if.in.bytes"))
        {
            Assert.That(first.Value("net.if.in.bytes", tags), Is.GreaterThanOrEqualTo(0), tags);
        }

        foreach (var tags in first.TagsOf("disk.io.read_requests"))
        {
            Assert.That(first.Value("disk.io.read_requests", tags), Is.GreaterThanOrEqualTo(0), tags);
        }
    }

    [Test]
    public async Task EveryProcCollector_OnARecordedRecentKernel_Reports()
    {
        var tree = Fixture.Recorded("kernel-6.18");
        var writer = new RecordingWriter();
        ICollector[] collectors =
        [
            new CpuCollector(tree.Proc, perCore: true), new MemoryCollector(tree.Proc), new LoadCollector(tree.Proc),
            new KernelCollector(tree.Proc), new DiskIoCollector(tree.Proc, TimeProvider.System),
            new NetInterfaceCollector(tree.Proc, tree.Sys, []), new NetstatCollector(tree.Proc), new UdpCollector(tree.Proc),
            new SocketSummaryCollector(tree.Proc), new UptimeCollector(tree.Proc),
        ];
        foreach (var collector in collectors)
        {
            await collector.CollectAsync(writer, CancellationToken.None);
        }

        Assert.Multiple(() =>
        {
            Assert.That(writer.Value("host.cpucores"), Is.GreaterThanOrEqualTo(1));
            Assert.That(writer.Value("mem.memavailable"), Is.GreaterThan(0));
            Assert.That(writer.TagsOf("disk.io.read_requests"), Is.EqualTo(new[] { "device=vda" }));
            Assert.That(writer.TagsOf("net.if.in.bytes").Order(), Is.EqualTo(new[] { "iface=eth0", "iface=ifb0", "iface=ifb1" }));
            Assert.That(writer.Value("net.if.speed.bits", "iface=eth0"), Is.EqualTo(1e10));
            Assert.That(writer.Has("snmp.Udp.MemErrors"), Is.True);
            Assert.That(writer.Has("TcpExt.TCPFastRetrans"), Is.True);
            Assert.That(writer.Has("ss.closed"), Is.True);
            Assert.That(writer.Has("sys.uptime"), Is.True);
            Assert.That(writer.Has("kernel.files.left"), Is.True);
        });
    }
}
