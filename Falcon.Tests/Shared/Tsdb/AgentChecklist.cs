namespace Falcon.Tests.Shared.Tsdb;

/// <summary>Every metric name of the agent's built-in checklist (open-falcon's agent checklist) with the tags it is sent with.</summary>
internal static class AgentChecklist
{
    private static readonly string[] NoTags = [""];
    private static readonly string[] Iface = ["iface=eth0", "iface=ens3"];
    private static readonly string[] Mount = ["mount=/,fstype=ext4", "mount=/data/x-y,fstype=xfs"];
    private static readonly string[] Device = ["device=sda", "device=nvme0n1"];

    /// <summary>(metric, tag string) pairs.</summary>
    public static IEnumerable<(string Metric, string Tags)> Series()
    {
        foreach (var metric in Untagged())
        {
            foreach (var tags in NoTags)
            {
                yield return (metric, tags);
            }
        }

        foreach (var (metrics, tagSets) in new[]
        {
            (DfPerMount(), Mount),
            (DiskIo(), Device),
            (NetIf(), Iface),
        })
        {
            foreach (var metric in metrics)
            {
                foreach (var tags in tagSets)
                {
                    yield return (metric, tags);
                }
            }
        }

        yield return ("net.port.listen", "port=80");
        yield return ("proc.num", "name=nginx");
        yield return ("proc.num", "cmdline=java -jar x.jar,name=java");
        yield return ("du.bs", "path=/home/work");
        yield return ("url.check.health", "url=http://x/y?a=b,timeout=3,src=host-01");
        yield return ("percore.busy", "core=core01");
        foreach (var gpu in new[] { "gpu.fan.speed", "gpu.temperature", "gpu.memory.total", "gpu.memory.used", "gpu.memory.util", "gpu.util", "gpu.power.usage" })
        {
            yield return (gpu, "uuid=GPU-5a1b2c3d-0000-1111-2222-333344445555");
        }
    }

    private static IEnumerable<string> Untagged()
    {
        string[] fixedNames =
        [
            "agent.alive",
            "cpu.idle", "cpu.busy", "cpu.user", "cpu.nice", "cpu.system", "cpu.iowait", "cpu.irq", "cpu.softirq", "cpu.steal", "cpu.guest",
            "cpu.switches",
            "mem.memtotal", "mem.memused", "mem.memfree", "mem.swaptotal", "mem.swapused", "mem.swapfree",
            "mem.memfree.percent", "mem.memused.percent", "mem.swapfree.percent", "mem.swapused.percent", "mem.memavailable.percent",
            "load.1min", "load.5min", "load.15min",
            "kernel.maxfiles", "kernel.maxproc", "kernel.files.allocated", "kernel.files.left",
            "df.statistics.total", "df.statistics.used", "df.statistics.used.percent",
            "ss.estab", "ss.closed", "ss.orphaned", "ss.synrecv", "ss.timewait", "ss.slabinfo.timewait",
            "gpu.count", "gpu.util.avg", "gpu.memory.util.avg",
            "sys.ntp.offset", "sys.uptime",
        ];
        string[] tcpExt =
        [
            "PruneCalled", "LockDroppedIcmps", "ArpFilter", "TW", "DelayedACKLocked", "ListenOverflows", "ListenDrops",
            "TCPPrequeueDropped", "TCPTSReorder", "TCPDSACKUndo", "TCPLoss", "TCPLostRetransmit", "TCPLossFailures",
            "TCPFastRetrans", "TCPTimeouts", "TCPSchedulerFailed", "TCPAbortOnMemory", "TCPAbortOnTimeout", "TCPAbortFailed",
            "TCPMemoryPressures", "TCPSpuriousRTOs", "TCPBacklogDrop", "TCPMinTTLDrop",
        ];
        string[] udp =
        [
            "InDatagrams", "NoPorts", "InErrors", "OutDatagrams", "RcvbufErrors", "SndbufErrors", "InCsumErrors", "IgnoredMulti", "MemErrors",
        ];
        return fixedNames.Concat(tcpExt.Select(static k => "TcpExt." + k)).Concat(udp.Select(static k => "snmp.Udp." + k));
    }

    private static IEnumerable<string> DfPerMount() =>
        from kind in new[] { "bytes", "inodes" }
        from item in new[] { "total", "used", "free", "used.percent", "free.percent" }
        select $"df.{kind}.{item}";

    private static IEnumerable<string> DiskIo() =>
    [
        "disk.io.read_requests", "disk.io.read_merged", "disk.io.read_sectors", "disk.io.msec_read",
        "disk.io.write_requests", "disk.io.write_merged", "disk.io.write_sectors", "disk.io.msec_write",
        "disk.io.ios_in_progress", "disk.io.msec_total", "disk.io.msec_weighted_total",
        "disk.io.read_bytes", "disk.io.write_bytes", "disk.io.avgrq_sz", "disk.io.avgqu-sz", "disk.io.await", "disk.io.svctm", "disk.io.util",
    ];

    private static IEnumerable<string> NetIf()
    {
        string[] suffixes =
        [
            "in.bytes", "in.packets", "in.errors", "in.dropped", "in.fifo.errs", "in.frame.errs", "in.compressed", "in.multicast",
            "out.bytes", "out.packets", "out.errors", "out.dropped", "out.fifo.errs", "out.collisions", "out.carrier.errs", "out.compressed",
            "total.bytes", "total.packets", "total.errors", "total.dropped",
            "speed.bits", "in.percent", "out.percent", "in.bits", "out.bits", "total.bits",
        ];
        return suffixes.Select(static s => "net.if." + s);
    }
}
