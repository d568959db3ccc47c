using Falcon.Roles.Agent.Collectors;

namespace Falcon.Tests.Roles.Agent.Collectors;

public class UdpCollectorTests
{
    [Test]
    public async Task OldKernel_SendsItsSixColumns()
    {
        var writer = await RecordingWriter.CollectAsync(new UdpCollector(Fixture.Recorded("kernel-2.6.32").Proc));

        Assert.That(writer.Points, Is.EqualTo(new[]
        {
            new RecordedPoint("snmp.Udp.InDatagrams", 5000, "", true),
            new RecordedPoint("snmp.Udp.NoPorts", 12, "", true),
            new RecordedPoint("snmp.Udp.InErrors", 3, "", true),
            new RecordedPoint("snmp.Udp.OutDatagrams", 4000, "", true),
            new RecordedPoint("snmp.Udp.RcvbufErrors", 1, "", true),
            new RecordedPoint("snmp.Udp.SndbufErrors", 2, "", true),
        }));
    }

    [Test]
    public async Task NewKernel_SendsTheExtraColumnsAndNotUdpLite()
    {
        var collector = new UdpCollector(Fixture.Recorded("kernel-5.15").Proc);
        await RecordingWriter.CollectAsync(collector);

        var writer = await RecordingWriter.CollectAsync(collector);

        Assert.Multiple(() =>
        {
            Assert.That(writer.Points, Has.Count.EqualTo(9));
            Assert.That(writer.Value("snmp.Udp.InCsumErrors"), Is.EqualTo(1));
            Assert.That(writer.Value("snmp.Udp.IgnoredMulti"), Is.EqualTo(4567));
            Assert.That(writer.Value("snmp.Udp.MemErrors"), Is.EqualTo(2));
            Assert.That(writer.Value("snmp.Udp.InDatagrams"), Is.EqualTo(700000));
        });
    }

    [Test]
    public async Task ValuesThatDoNotParse_AreSkipped()
    {
        using var tree = Fixture.Copy();
        tree.Write("proc/net/snmp", "Udp: InDatagrams NoPorts InErrors\nUdp: 1 x 3\n");

        var writer = await RecordingWriter.CollectAsync(new UdpCollector(tree.Proc));

        Assert.That(writer.Points.Select(p => p.Metric), Is.EqualTo(new[] { "snmp.Udp.InDatagrams", "snmp.Udp.InErrors" }));
    }
}
