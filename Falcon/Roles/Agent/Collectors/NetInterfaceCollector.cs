namespace Falcon.Roles.Agent.Collectors;

/// <summary>net.if.* counters per interface from /proc/net/dev and /sys/class/net/X/speed (open-falcon's ifstat.go).</summary>
/// <remarks>
/// Interfaces are those whose name starts with one of <see cref="CollectorOptions.IfacePrefix"/>, or all but `lo`
/// when the list is empty. net.if.in.percent and net.if.out.percent stay COUNTERs as in open-falcon (bytes × 8 × 100 /
/// speed, whose rate is the link utilisation); they are only sent when the link reports a speed, since a counter
/// of 0 would read as an idle link.
/// </remarks>
internal sealed class NetInterfaceCollector(string procRoot, string sysRoot, IReadOnlyList<string> prefixes) : ICollector
{
    private static readonly string[] ReceiveNames =
        ["net.if.in.bytes", "net.if.in.packets", "net.if.in.errors", "net.if.in.dropped", "net.if.in.fifo.errs", "net.if.in.frame.errs", "net.if.in.compressed", "net.if.in.multicast"];

    private static readonly string[] TransmitNames =
        ["net.if.out.bytes", "net.if.out.packets", "net.if.out.errors", "net.if.out.dropped", "net.if.out.fifo.errs", "net.if.out.collisions", "net.if.out.carrier.errs", "net.if.out.compressed"];

    private static readonly string[] TotalNames = ["net.if.total.bytes", "net.if.total.packets", "net.if.total.errors", "net.if.total.dropped"];

    private readonly string _path = Path.Combine(procRoot, "net/dev");
    private readonly string _sysNet = Path.Combine(sysRoot, "class/net");
    private readonly string[] _prefixes = [.. prefixes];
    private readonly ProcFileReader _reader = new(8192);
    private readonly ProcFileReader _speedReader = new(64);
    private readonly TagCache _tags = new("iface");
    private readonly ulong[] _values = new ulong[16];
    private readonly Dictionary<string, string> _speedPaths = new(StringComparer.Ordinal);

    public string Name => "net";

    public int DefaultIntervalSeconds => 30;

    public ValueTask CollectAsync(IMetricWriter writer, CancellationToken cancellationToken)
    {
        if (!_reader.TryRead(_path))
        {
            return ValueTask.CompletedTask;
        }

        foreach (var line in _reader.Text.EnumerateLines())
        {
            // "  eth0: 123 ..." (older kernels print "eth0:123" with no space once the number is wide).
            int colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            if (name.IsEmpty || name.Contains('|') || !Selected(name) || !TryParseValues(line[(colon + 1)..]))
            {
                continue;
            }

            string tags = _tags.Get(name, out string iface);
            for (int i = 0; i < 8; i++)
            {
                writer.Counter(ReceiveNames[i], _values[i], tags);
                writer.Counter(TransmitNames[i], _values[8 + i], tags);
            }

            for (int i = 0; i < 4; i++)
            {
                writer.Counter(TotalNames[i], (double)_values[i] + _values[8 + i], tags);
            }

            double inBits = _values[0] * 8.0;
            double outBits = _values[8] * 8.0;
            writer.Counter("net.if.in.bits", inBits, tags);
            writer.Counter("net.if.out.bits", outBits, tags);
            writer.Counter("net.if.total.bits", inBits + outBits, tags);

            // speed is in Mbit/s; virtual interfaces have no file or answer EINVAL, a down link writes -1.
            double speed = 0;
            if (_speedReader.TryRead(SpeedPath(iface)) && ProcParse.TryLong(_speedReader.Text.Trim(), out long mbits) && mbits > 0)
            {
                speed = mbits * 1_000_000.0;
            }

            writer.Gauge("net.if.speed.bits", speed, tags);
            if (speed > 0)
            {
                writer.Counter("net.if.in.percent", inBits * 100 / speed, tags);
                writer.Counter("net.if.out.percent", outBits * 100 / speed, tags);
            }
        }

        return ValueTask.CompletedTask;
    }

    private string SpeedPath(string iface)
    {
        if (!_speedPaths.TryGetValue(iface, out var path))
        {
            if (_speedPaths.Count >= 4096)
            {
                _speedPaths.Clear();
            }

            path = Path.Join(_sysNet, iface, "speed");
            _speedPaths[iface] = path;
        }

        return path;
    }

    internal bool Selected(ReadOnlySpan<char> name)
    {
        if (_prefixes.Length == 0)
        {
            return !name.SequenceEqual("lo");
        }

        foreach (var prefix in _prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private bool TryParseValues(ReadOnlySpan<char> text)
    {
        var words = new Words(text);
        for (int i = 0; i < _values.Length; i++)
        {
            if (!words.MoveNext() || !ProcParse.TryULong(words.Current, out _values[i]))
            {
                return false;
            }
        }

        return true;
    }
}
