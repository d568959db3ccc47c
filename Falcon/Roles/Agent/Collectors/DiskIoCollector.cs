namespace Falcon.Roles.Agent.Collectors;

/// <summary>
/// disk.io.* from /proc/diskstats (open-falcon's diskstats.go): the eleven raw columns as COUNTERs and the iostat-style
/// GAUGEs derived from the change since this collector's last pass.
/// </summary>
/// <remarks>
/// open-falcon derives the gauges from two samples one second apart; here they cover the whole interval and are
/// scaled to keep open-falcon's units: read_bytes and write_bytes are bytes per second, avgqu-sz the average queue
/// length, await and svctm milliseconds per request, util the percent of time busy (at most 100), avgrq_sz sectors
/// per request. Not sent on a device's first pass, nor when one of its counters went backwards (a reset or a
/// 32-bit wrap). Columns after the eleventh (discard and flush statistics of 4.18+ and 5.5+ kernels) are ignored.
/// </remarks>
internal sealed class DiskIoCollector(string procRoot, TimeProvider timeProvider) : ICollector
{
    private const int Columns = 11;

    private static readonly string[] RawNames =
    [
        "disk.io.read_requests", "disk.io.read_merged", "disk.io.read_sectors", "disk.io.msec_read",
        "disk.io.write_requests", "disk.io.write_merged", "disk.io.write_sectors", "disk.io.msec_write",
        "disk.io.ios_in_progress", "disk.io.msec_total", "disk.io.msec_weighted_total",
    ];

    private readonly string _path = Path.Combine(procRoot, "diskstats");
    private readonly ProcFileReader _reader = new(8192);
    private readonly TagCache _tags = new("device");
    private readonly Dictionary<string, Sample> _last = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly ulong[] _values = new ulong[Columns];

    public string Name => "diskio";

    public int DefaultIntervalSeconds => 30;

    public ValueTask CollectAsync(IMetricWriter writer, CancellationToken cancellationToken)
    {
        if (!_reader.TryRead(_path))
        {
            return ValueTask.CompletedTask;
        }

        long now = timeProvider.GetTimestamp();
        _seen.Clear();
        foreach (var line in _reader.Text.EnumerateLines())
        {
            var words = new Words(line);
            words.Next();
            words.Next();
            var device = words.Next();
            if (!ShouldHandleDevice(device) || !TryParseValues(ref words))
            {
                continue;
            }

            string tags = _tags.Get(device, out string name);
            for (int i = 0; i < Columns; i++)
            {
                writer.Counter(RawNames[i], _values[i], tags);
            }

            if (_last.TryGetValue(name, out var last))
            {
                WriteDerived(writer, last, now, tags);
            }
            else
            {
                last = new Sample();
                _last[name] = last;
            }

            last.Timestamp = now;
            _values.CopyTo(last.Values, 0);
            _seen.Add(name);
        }

        // Forget devices that went away, so a re-attached disk starts with a first pass again.
        if (_last.Count != _seen.Count)
        {
            foreach (var name in _last.Keys.Where(n => !_seen.Contains(n)).ToList())
            {
                _last.Remove(name);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>open-falcon's ShouldHandleDevice: whole sd/vd disks (no partition digit 1–4), xvd*, fio*, nvme*, nbd*.</summary>
    internal static bool ShouldHandleDevice(ReadOnlySpan<char> device)
    {
        if (device.StartsWith("sd", StringComparison.Ordinal) || device.StartsWith("vd", StringComparison.Ordinal))
        {
            return device.Length <= 4 && device.IndexOfAnyInRange('1', '4') < 0;
        }

        return device.StartsWith("xvd", StringComparison.Ordinal)
            || device.StartsWith("fio", StringComparison.Ordinal)
            || device.StartsWith("nvme", StringComparison.Ordinal)
            || device.StartsWith("nbd", StringComparison.Ordinal);
    }

    private void WriteDerived(IMetricWriter writer, Sample last, long now, string tags)
    {
        var current = _values;
        for (int i = 0; i < Columns; i++)
        {
            // ios_in_progress (8) is a level, not a counter, and may fall.
            if (i != 8 && current[i] < last.Values[i])
            {
                return;
            }
        }

        double elapsedMs = timeProvider.GetElapsedTime(last.Timestamp, now).TotalMilliseconds;
        if (elapsedMs <= 0)
        {
            return;
        }

        double Delta(int i) => current[i] - last.Values[i];
        double requests = Delta(0) + Delta(4);
        double sectors = Delta(2) + Delta(6);
        double busyMs = Delta(9);
        double seconds = elapsedMs / 1000;
        writer.Gauge("disk.io.read_bytes", Delta(2) * 512 / seconds, tags);
        writer.Gauge("disk.io.write_bytes", Delta(6) * 512 / seconds, tags);
        writer.Gauge("disk.io.avgrq_sz", requests == 0 ? 0 : sectors / requests, tags);
        writer.Gauge("disk.io.avgqu-sz", Delta(10) / elapsedMs, tags);
        writer.Gauge("disk.io.await", requests == 0 ? 0 : (Delta(3) + Delta(7)) / requests, tags);
        writer.Gauge("disk.io.svctm", requests == 0 ? 0 : busyMs / requests, tags);
        writer.Gauge("disk.io.util", Math.Min(100, busyMs * 100 / elapsedMs), tags);
    }

    private bool TryParseValues(ref Words words)
    {
        for (int i = 0; i < Columns; i++)
        {
            if (!words.MoveNext() || !ProcParse.TryULong(words.Current, out _values[i]))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class Sample
    {
        public long Timestamp { get; set; }

        public ulong[] Values { get; } = new ulong[Columns];
    }
}
