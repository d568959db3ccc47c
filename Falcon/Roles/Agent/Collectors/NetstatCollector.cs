namespace Falcon.Roles.Agent.Collectors;

/// <summary>
/// TcpExt.* counters from /proc/net/netstat (open-falcon's netstat.go key list) and the fork's
/// TcpExt.TCPFastRetransRate with its defects fixed.
/// </summary>
/// <remarks>
/// TCPFastRetransRate is fast retransmits per 10,000 TCP segments sent during the last interval: ΔTCPFastRetrans ×
/// 10000 / ΔOutSegs, with OutSegs the `Tcp:` line of /proc/net/snmp (every interface, IPv4 and IPv6). The fork
/// divided lifetime counters and used eth0's packets only. 100 means 1 %. Not sent on the first pass, nor when a
/// counter went backwards; 0 when no segment was sent.
/// </remarks>
internal sealed class NetstatCollector(string procRoot) : ICollector
{
    private static readonly Dictionary<string, string> Keys = new[]
    {
        "PruneCalled", "LockDroppedIcmps", "ArpFilter", "TW", "DelayedACKLocked", "ListenOverflows", "ListenDrops",
        "TCPPrequeueDropped", "TCPTSReorder", "TCPDSACKUndo", "TCPLoss", "TCPLostRetransmit", "TCPLossFailures",
        "TCPFastRetrans", "TCPTimeouts", "TCPSchedulerFailed", "TCPAbortOnMemory", "TCPAbortOnTimeout",
        "TCPAbortFailed", "TCPMemoryPressures", "TCPSpuriousRTOs", "TCPBacklogDrop", "TCPMinTTLDrop",
    }.ToDictionary(k => k, k => "TcpExt." + k, StringComparer.Ordinal);

    private readonly string _netstat = Path.Combine(procRoot, "net/netstat");
    private readonly string _snmp = Path.Combine(procRoot, "net/snmp");
    private readonly ProcFileReader _reader = new(8192);
    private IMetricWriter? _writer;
    private long? _fastRetrans;
    private long? _outSegs;
    private (long FastRetrans, long OutSegs)? _last;

    public string Name => "netstat";

    public int DefaultIntervalSeconds => 30;

    public ValueTask CollectAsync(IMetricWriter writer, CancellationToken cancellationToken)
    {
        _writer = writer;
        _fastRetrans = null;
        _outSegs = null;
        if (_reader.TryRead(_netstat))
        {
            ProcParse.ForEachPair(_reader.Text, "TcpExt", this, static (self, key, value) =>
            {
                var lookup = Keys.GetAlternateLookup<ReadOnlySpan<char>>();
                if (lookup.TryGetValue(key, out var metric))
                {
                    self._writer!.Counter(metric, value);
                }

                if (key.SequenceEqual("TCPFastRetrans"))
                {
                    self._fastRetrans = value;
                }
            });
        }

        if (_fastRetrans is { } fastRetrans && _reader.TryRead(_snmp))
        {
            ProcParse.ForEachPair(_reader.Text, "Tcp", this, static (self, key, value) =>
            {
                if (key.SequenceEqual("OutSegs"))
                {
                    self._outSegs = value;
                }
            });

            if (_outSegs is { } outSegs)
            {
                if (_last is { } last && fastRetrans >= last.FastRetrans && outSegs >= last.OutSegs)
                {
                    long sent = outSegs - last.OutSegs;
                    writer.Gauge("TcpExt.TCPFastRetransRate", sent == 0 ? 0 : (fastRetrans - last.FastRetrans) * 10000.0 / sent);
                }

                _last = (fastRetrans, outSegs);
            }
        }

        _writer = null;
        return ValueTask.CompletedTask;
    }
}
