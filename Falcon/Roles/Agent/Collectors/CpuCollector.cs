using System.Globalization;

namespace Falcon.Roles.Agent.Collectors;

/// <summary>
/// cpu.* percentages and cpu.switches from /proc/stat, host.cpucores, and with <see cref="CollectorOptions.PerCore"/>
/// the fork's percore.* with tag core=coreNN.
/// </summary>
/// <remarks>
/// Percentages are the share of each column in the time that passed between this collector's last two passes (its
/// tier interval), not open-falcon's last second: a 10 s average misses no short burst between samples. The first
/// pass only remembers the counters. A pass where any counter went backwards (CPU hot-plug, a wrapped counter) is
/// skipped for that CPU. Core tags are zero-padded to the width of the highest core number (at least two digits) so
/// that core02 sorts before core10, fixing the fork's unpadded core2.
/// </remarks>
internal sealed class CpuCollector(string procRoot, bool perCore) : ICollector
{
    private static readonly string[] CpuNames =
        ["cpu.user", "cpu.nice", "cpu.system", "cpu.idle", "cpu.iowait", "cpu.irq", "cpu.softirq", "cpu.steal", "cpu.guest"];

    private static readonly string[] CoreNames =
        ["percore.user", "percore.nice", "percore.system", "percore.idle", "percore.iowait", "percore.irq", "percore.softirq", "percore.steal", "percore.guest"];

    private readonly string _path = Path.Combine(procRoot, "stat");
    private readonly ProcFileReader _reader = new(8192);
    private readonly Dictionary<int, CpuTimes> _lastCores = [];
    private readonly Dictionary<int, CpuTimes> _currentCores = [];
    private readonly Dictionary<int, string> _coreTags = [];
    private int _coreTagWidth;
    private CpuTimes? _last;

    public string Name => "cpu";

    public int DefaultIntervalSeconds => 10;

    public ValueTask CollectAsync(IMetricWriter writer, CancellationToken cancellationToken)
    {
        if (!_reader.TryRead(_path))
        {
            return ValueTask.CompletedTask;
        }

        CpuTimes? all = null;
        int cores = 0;
        int highestCore = -1;
        _currentCores.Clear();
        foreach (var line in _reader.Text.EnumerateLines())
        {
            if (line.StartsWith("cpu", StringComparison.Ordinal))
            {
                int space = line.IndexOfAny(' ', '\t');
                if (space < 0)
                {
                    continue;
                }

                var label = line[3..space];
                if (label.IsEmpty)
                {
                    if (CpuTimes.TryParse(line[space..], out var times))
                    {
                        all = times;
                    }
                }
                else if (int.TryParse(label, NumberStyles.None, CultureInfo.InvariantCulture, out int core))
                {
                    cores++;
                    highestCore = Math.Max(highestCore, core);
                    if (perCore && CpuTimes.TryParse(line[space..], out var times))
                    {
                        _currentCores[core] = times;
                    }
                }
            }
            else if (line.StartsWith("ctxt ", StringComparison.Ordinal) && ProcParse.TryULong(new Words(line[5..]).Next(), out ulong switches))
            {
                writer.Counter("cpu.switches", switches);
            }
        }

        if (cores > 0)
        {
            writer.Gauge("host.cpucores", cores);
        }

        if (all is { } current)
        {
            if (_last is { } last)
            {
                WritePercentages(writer, last, current, CpuNames, "cpu.busy", "");
            }

            _last = current;
        }

        if (perCore)
        {
            WriteCores(writer, highestCore);
        }

        return ValueTask.CompletedTask;
    }

    private void WriteCores(IMetricWriter writer, int highestCore)
    {
        int width = Math.Max(2, highestCore.ToString(CultureInfo.InvariantCulture).Length);
        if (width != _coreTagWidth)
        {
            _coreTags.Clear();
            _coreTagWidth = width;
        }

        foreach (var (core, current) in _currentCores)
        {
            if (_lastCores.TryGetValue(core, out var last))
            {
                if (!_coreTags.TryGetValue(core, out var tags))
                {
                    tags = "core=core" + core.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
                    _coreTags[core] = tags;
                }

                WritePercentages(writer, last, current, CoreNames, "percore.busy", tags);
            }
        }

        // Offline cores drop out; a core that comes back starts a new first pass.
        _lastCores.Clear();
        foreach (var (core, current) in _currentCores)
        {
            _lastCores[core] = current;
        }
    }

    private static void WritePercentages(IMetricWriter writer, in CpuTimes last, in CpuTimes current, string[] names, string busyName, string tags)
    {
        ulong lastTotal = last.Total;
        ulong total = current.Total;
        if (total <= lastTotal)
        {
            return;
        }

        for (int i = 0; i < CpuTimes.FieldCount; i++)
        {
            if (current[i] < last[i])
            {
                return;
            }
        }

        double elapsed = total - lastTotal;
        for (int i = 0; i < CpuTimes.FieldCount; i++)
        {
            double percent = Math.Min(100, (current[i] - last[i]) * 100.0 / elapsed);
            writer.Gauge(names[i], percent, tags);
            if (i == 3)
            {
                writer.Gauge(busyName, 100 - percent, tags);
            }
        }
    }
}
