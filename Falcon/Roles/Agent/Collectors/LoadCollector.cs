namespace Falcon.Roles.Agent.Collectors;

/// <summary>load.1min, load.5min, load.15min from /proc/loadavg.</summary>
internal sealed class LoadCollector(string procRoot) : ICollector
{
    private readonly string _path = Path.Combine(procRoot, "loadavg");
    private readonly ProcFileReader _reader = new(256);

    public string Name => "load";

    public int DefaultIntervalSeconds => 30;

    public ValueTask CollectAsync(IMetricWriter writer, CancellationToken cancellationToken)
    {
        if (_reader.TryRead(_path))
        {
            var words = new Words(_reader.Text);
            if (ProcParse.TryDouble(words.Next(), out double one))
            {
                writer.Gauge("load.1min", one);
            }

            if (ProcParse.TryDouble(words.Next(), out double five))
            {
                writer.Gauge("load.5min", five);
            }

            if (ProcParse.TryDouble(words.Next(), out double fifteen))
            {
                writer.Gauge("load.15min", fifteen);
            }
        }

        return ValueTask.CompletedTask;
    }
}
