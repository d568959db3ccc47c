using Falcon.Roles.Agent.Collectors;

namespace Falcon.Tests.Roles.Agent.Collectors;

public class NetstatCollectorTests
{
    private static readonly string[] Whitelist =
    [
        "PruneCalled", "LockDroppedIcmps", "ArpFilter", "TW", "DelayedACKLocked", "ListenOverflows", "ListenDrops",
        "TCPPrequeueDropped", "TCPTSReorder", "TCPDSACKUndo", "TCPLoss", "TCPLostRetransmit", "TCPLossFailures",
        "TCPFastRetrans", "TCPTimeouts", "TCPSchedulerFailed", "TCPAbortOnMemory", "TCPAbortOnTimeout",
        "TCPAbortFailed", "TCPMemoryPressures", "TCPSpuriousRTOs", "TCPBacklogDrop", "TCPMinTTLDrop",
    ];

    [Test]
    public async Task OldKernel_SendsEveryWhitelistedKeyAsACounterWithItsOwnValue()
    {
        var writer = await RecordingWriter.CollectAsync(new NetstatCollector(Fixture.Recorded("kernel-2.6.32").Proc));

        Assert.Multiple(() =>
        {
            // The fixture numbers the whitelisted keys 2, 3, 4, ... in header order (TCPFastRetrans is 150).
            int expected = 2;
            foreach (var key in Whitelist)
            {
                var point = writer.Point("TcpExt." + key);
                Assert.That(point.Value, Is.EqualTo(key == "TCPFastRetrans" ? 150 : expected), key);
                Assert.That(point.IsCounter, Is.True, key);
                expected++;
            }

            Assert.That(writer.Has("TcpExt.SyncookiesSent"), Is.False, "keys outside open-falcon's list are not sent");
            Assert.That(writer.Has("TcpExt.TCPFastRetransRate"), Is.False, "no rate on the first pass");
        });
    }

    [Test]
    public async Task NewKernel_SendsTheKeysItStillHasAndSkipsRemovedOnes()
    {
        var writer = await RecordingWriter.CollectAsync(new NetstatCollector(Fixture.Recorded("kernel-5.15").Proc));

        Assert.Multiple(() =>
        {
            Assert.That(writer.Value("TcpExt.TW"), Is.EqualTo(777));
            Assert.That(writer.Value("TcpExt.TCPFastRetrans"), Is.EqualTo(4000));
            Assert.That(writer.Value("TcpExt.ListenDrops"), Is.EqualTo(3));
            Assert.That(writer.Has("TcpExt.TCPPrequeueDropped"), Is.False, "removed in 4.x");
            Assert.That(writer.Has("TcpExt.MPTcpExt"), Is.False);
        });
    }

    [Test]
    public async Task FastRetransRate_IsFastRetransmitsPerTenThousandSegmentsSentDuringTheInterval()
    {
        using var tree = Fixture.Copy();
        var collector = new NetstatCollector(tree.Proc);
        WriteCounters(tree, fastRetrans: 1_000_000, outSegs: 2_000_000);
        var first = await RecordingWriter.CollectAsync(collector);

        // A burst: 300 fast retransmits in 20,000 segments is 1.5 %, although the lifetime ratio is ~50 %.
        WriteCounters(tree, fastRetrans: 1_000_300, outSegs: 2_020_000);
        var writer = await RecordingWriter.CollectAsync(collector);

        Assert.Multiple(() =>
        {
            Assert.That(first.Has("TcpExt.TCPFastRetransRate"), Is.False);
            Assert.That(writer.Point("TcpExt.TCPFastRetransRate"), Is.EqualTo(new RecordedPoint("TcpExt.TCPFastRetransRate", 150, "", false)));
        });
    }

    [Test]
    public async Task FastRetransRate_IsZeroWhenNothingWasSentAndSkippedAfterACounterReset()
    {
        using var tree = Fixture.Copy();
        var collector = new NetstatCollector(tree.Proc);
        WriteCounters(tree, fastRetrans: 10, outSegs: 1000);
        await RecordingWriter.CollectAsync(collector);
        var idle = await RecordingWriter.CollectAsync(collector);
        WriteCounters(tree, fastRetrans: 0, outSegs: 10);
        var reset = await RecordingWriter.CollectAsync(collector);
        WriteCounters(tree, fastRetrans: 1, outSegs: 110);
        var next = await RecordingWriter.CollectAsync(collector);

        Assert.Multiple(() =>
        {
            Assert.That(idle.Value("TcpExt.TCPFastRetransRate"), Is.Zero);
            Assert.That(reset.Has("TcpExt.TCPFastRetransRate"), Is.False);
            Assert.That(next.Value("TcpExt.TCPFastRetransRate"), Is.EqualTo(100));
        });
    }

    [Test]
    public async Task MissingFiles_WriteNothing()
    {
        using var tree = Fixture.Copy();

        var writer = await RecordingWriter.CollectAsync(new NetstatCollector(tree.Proc));

        Assert.That(writer.Points, Is.Empty);
    }

    private static void WriteCounters(Fixture tree, long fastRetrans, long outSegs)
    {
        tree.Write("proc/net/netstat", $"TcpExt: TW TCPFastRetrans TCPNew\nTcpExt: 1 {fastRetrans} 5\n");
        tree.Write("proc/net/snmp", $"Tcp: InSegs OutSegs RetransSegs\nTcp: 1 {outSegs} 3\nUdp: InDatagrams\nUdp: 1\n");
    }
}
