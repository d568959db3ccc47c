namespace Falcon.Roles.Agent.Collectors;

/// <summary>
/// ss.* gauges: the TCP line of `ss -s` (open-falcon's sockstat.go), computed the way iproute2 computes it instead of
/// running ss.
/// </summary>
/// <remarks>
/// iproute2's print_summary reads the same files:
/// <list type="bullet">
/// <item>ss.estab = `CurrEstab` of the `Tcp:` line in /proc/net/snmp (IPv4 and IPv6 together);</item>
/// <item>ss.orphaned = `orphan` and ss.timewait = `tw` of the `TCP:` line in /proc/net/sockstat;</item>
/// <item>ss.closed = `alloc` − (`inuse` of sockstat's `TCP:` + `inuse` of sockstat6's `TCP6:` − `tw`), i.e.
/// allocated sockets not in any hash table.</item>
/// </list>
/// ss.synrecv and ss.slabinfo.timewait are not sent: iproute2 dropped them from `ss -s` years ago (open-falcon sends
/// them only on hosts with an old ss), and the slab numbers need root-only /proc/slabinfo.
/// </remarks>
internal sealed class SocketSummaryCollector(string procRoot) : ICollector
{
    private readonly string _sockstat = Path.Combine(procRoot, "net/sockstat");
    private readonly string _sockstat6 = Path.Combine(procRoot, "net/sockstat6");
    private readonly string _snmp = Path.Combine(procRoot, "net/snmp");
    private readonly ProcFileReader _reader = new(8192);
    private long? _currEstab;

    public string Name => "ss";

    public int DefaultIntervalSeconds => 30;

    public ValueTask CollectAsync(IMetricWriter writer, CancellationToken cancellationToken)
    {
        _currEstab = null;
        if (_reader.TryRead(_snmp))
        {
            ProcParse.ForEachPair(_reader.Text, "Tcp", this, static (self, key, value) =>
            {
                if (key.SequenceEqual("CurrEstab"))
                {
                    self._currEstab = value;
                }
            });
        }

        if (_currEstab is { } estab)
        {
            writer.Gauge("ss.estab", estab);
        }

        if (!_reader.TryRead(_sockstat) || !TryReadLine(_reader.Text, "TCP:", out var tcp))
        {
            return ValueTask.CompletedTask;
        }

        long inuse6 = 0;
        if (_reader.TryRead(_sockstat6) && TryReadLine(_reader.Text, "TCP6:", out var tcp6))
        {
            inuse6 = tcp6.InUse;
        }

        writer.Gauge("ss.orphaned", tcp.Orphan);
        writer.Gauge("ss.timewait", tcp.Tw);
        if (tcp.Alloc >= 0)
        {
            writer.Gauge("ss.closed", Math.Max(0, tcp.Alloc - (tcp.InUse + inuse6 - tcp.Tw)));
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Reads "TCP: inuse 5 orphan 0 tw 3 alloc 7 mem 1" (fields by name; absent ones are 0, alloc -1).</summary>
    internal static bool TryReadLine(ReadOnlySpan<char> text, ReadOnlySpan<char> prefix, out (long InUse, long Orphan, long Tw, long Alloc) values)
    {
        values = (0, 0, 0, -1);
        foreach (var line in text.EnumerateLines())
        {
            if (!line.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var words = new Words(line[prefix.Length..]);
            while (words.MoveNext())
            {
                var name = words.Current;
                if (!ProcParse.TryLong(words.Next(), out long value))
                {
                    continue;
                }

                switch (name)
                {
                    case "inuse": values.InUse = value; break;
                    case "orphan": values.Orphan = value; break;
                    case "tw": values.Tw = value; break;
                    case "alloc": values.Alloc = value; break;
                }
            }

            return true;
        }

        return false;
    }
}
