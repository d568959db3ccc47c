using Falcon.Roles.Agent.Collectors;

namespace Falcon.Tests.Roles.Agent.Collectors;

public class SocketSummaryCollectorTests
{
    [TestCase("kernel-2.6.32", 42, 1, 5, 20 - (12 + 3 - 5))]
    [TestCase("kernel-5.15", 87, 2, 40, 130 - (95 + 20 - 40))]
    public async Task TcpLine_IsComputedAsIproute2Does(string kernel, int estab, int orphaned, int timewait, int closed)
    {
        var writer = await RecordingWriter.CollectAsync(new SocketSummaryCollector(Fixture.Recorded(kernel).Proc));

        Assert.Multiple(() =>
        {
            Assert.That(writer.Value("ss.estab"), Is.EqualTo(estab));
            Assert.That(writer.Value("ss.orphaned"), Is.EqualTo(orphaned));
            Assert.That(writer.Value("ss.timewait"), Is.EqualTo(timewait));
            Assert.That(writer.Value("ss.closed"), Is.EqualTo(closed));
            Assert.That(writer.Points.All(p => !p.IsCounter), Is.True);
        });
    }

    [Test]
    public async Task HostWithoutIpv6_CountsNoTcp6Sockets()
    {
        using var tree = Fixture.Copy();
        tree.Write("proc/net/sockstat", "sockets: used 3\nTCP: inuse 2 orphan 0 tw 1 alloc 4 mem 1\n");

        var writer = await RecordingWriter.CollectAsync(new SocketSummaryCollector(tree.Proc));

        Assert.Multiple(() =>
        {
            Assert.That(writer.Value("ss.closed"), Is.EqualTo(3));
            Assert.That(writer.Has("ss.estab"), Is.False, "no /proc/net/snmp");
        });
    }
}
