namespace Falcon.Roles.Agent.Collectors;

/// <summary>sys.uptime: seconds since boot, the first field of /proc/uptime (the fork's uptime.go).</summary>
internal sealed class UptimeCollector(string procRoot) : ICollector
{
    private readonly string _path = Path.Combine(procRoot, "uptime");
    private readonly ProcFileReader _reader = new(128);

    public string Name => "uptime";

    public int DefaultIntervalSeconds => 60;

    public ValueTask CollectAsync(IMetricWriter writer, CancellationToken cancellationToken)
    {
        if (_reader.TryRead(_path) && ProcParse.TryDouble(new Words(_reader.Text).Next(), out double seconds))
        {
            writer.Gauge("sys.uptime", seconds);
        }

        return ValueTask.CompletedTask;
    }
}
