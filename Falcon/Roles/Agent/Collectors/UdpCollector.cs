namespace Falcon.Roles.Agent.Collectors;

/// <summary>snmp.Udp.&lt;Key&gt; counters: every column of the `Udp:` lines of /proc/net/snmp, whatever the kernel adds (open-falcon's snmp.go).</summary>
internal sealed class UdpCollector(string procRoot) : ICollector
{
    private readonly string _path = Path.Combine(procRoot, "net/snmp");
    private readonly ProcFileReader _reader = new(8192);
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private IMetricWriter? _writer;

    public string Name => "udp";

    public int DefaultIntervalSeconds => 30;

    public ValueTask CollectAsync(IMetricWriter writer, CancellationToken cancellationToken)
    {
        if (!_reader.TryRead(_path))
        {
            return ValueTask.CompletedTask;
        }

        _writer = writer;
        ProcParse.ForEachPair(_reader.Text, "Udp", this, static (self, key, value) =>
        {
            var lookup = self._names.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(key, out var metric))
            {
                metric = "snmp.Udp." + key.ToString();
                lookup[key] = metric;
            }

            self._writer!.Counter(metric, value);
        });
        _writer = null;
        return ValueTask.CompletedTask;
    }
}
