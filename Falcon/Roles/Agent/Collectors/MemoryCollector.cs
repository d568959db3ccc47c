namespace Falcon.Roles.Agent.Collectors;

/// <summary>
/// mem.* from /proc/meminfo, in bytes and percent, as open-falcon's meminfo.go, plus the fork's mem.shmem,
/// mem.memavailable and mem.memavailable.percent (spelled correctly here).
/// </summary>
/// <remarks>
/// mem.memfree is MemAvailable when the kernel reports it (3.14+), else MemFree + Buffers + Cached;
/// mem.memused = MemTotal - mem.memfree. Without MemAvailable the two mem.memavailable metrics are not sent.
/// </remarks>
internal sealed class MemoryCollector(string procRoot) : ICollector
{
    private readonly string _path = Path.Combine(procRoot, "meminfo");
    private readonly ProcFileReader _reader = new(4096);

    public string Name => "mem";

    public int DefaultIntervalSeconds => 30;

    public ValueTask CollectAsync(IMetricWriter writer, CancellationToken cancellationToken)
    {
        if (!_reader.TryRead(_path))
        {
            return ValueTask.CompletedTask;
        }

        ulong? total = null, free = null, buffers = null, cached = null, available = null, shmem = null,
            swapTotal = null, swapFree = null;
        foreach (var line in _reader.Text.EnumerateLines())
        {
            int colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var words = new Words(line[(colon + 1)..]);
            if (!ProcParse.TryULong(words.Next(), out ulong value))
            {
                continue;
            }

            // Every size line is in kB; the few counters without a unit (HugePages_*) are not read.
            value *= 1024;
            switch (line[..colon])
            {
                case "MemTotal": total = value; break;
                case "MemFree": free = value; break;
                case "Buffers": buffers = value; break;
                case "Cached": cached = value; break;
                case "MemAvailable": available = value; break;
                case "Shmem": shmem = value; break;
                case "SwapTotal": swapTotal = value; break;
                case "SwapFree": swapFree = value; break;
            }
        }

        if (total is { } memTotal)
        {
            ulong memFree = available is > 0 ? available.Value : (free ?? 0) + (buffers ?? 0) + (cached ?? 0);
            double memUsed = (double)memTotal - memFree;
            writer.Gauge("mem.memtotal", memTotal);
            writer.Gauge("mem.memfree", memFree);
            writer.Gauge("mem.memused", memUsed);
            writer.Gauge("mem.memfree.percent", memTotal == 0 ? 0 : memFree * 100.0 / memTotal);
            writer.Gauge("mem.memused.percent", memTotal == 0 ? 0 : memUsed * 100.0 / memTotal);
            if (available is { } memAvailable)
            {
                writer.Gauge("mem.memavailable", memAvailable);
                writer.Gauge("mem.memavailable.percent", memTotal == 0 ? 0 : memAvailable * 100.0 / memTotal);
            }
        }

        if (shmem is { } shared)
        {
            writer.Gauge("mem.shmem", shared);
        }

        if (swapTotal is { } swap)
        {
            ulong swapFreeBytes = swapFree ?? 0;
            double swapUsed = (double)swap - swapFreeBytes;
            writer.Gauge("mem.swaptotal", swap);
            writer.Gauge("mem.swapfree", swapFreeBytes);
            writer.Gauge("mem.swapused", swapUsed);
            writer.Gauge("mem.swapfree.percent", swap == 0 ? 0 : swapFreeBytes * 100.0 / swap);
            writer.Gauge("mem.swapused.percent", swap == 0 ? 0 : swapUsed * 100.0 / swap);
        }

        return ValueTask.CompletedTask;
    }
}
