namespace Falcon.Roles.Agent.Collectors;

/// <summary>df.bytes.*, df.inodes.* per mount (tags mount=,fstype=) and the df.statistics.* sums, as open-falcon's dfstat.go.</summary>
/// <remarks>
/// used = total − free, and used.percent = used / (used + available), as df prints it (the root reserve counts as
/// neither). Mounts with no blocks are skipped, inode metrics are only sent for file systems that have inodes.
/// statvfs of a hung network file system blocks: each mount gets <see cref="CollectorOptions.StatfsTimeout"/>, and a
/// mount whose call has not returned is skipped on later passes until it does.
/// </remarks>
internal sealed class FileSystemCollector(
    string procRoot, IReadOnlyCollection<string> mountPoints, IFileSystemStats stats, TimeSpan statfsTimeout, TimeProvider timeProvider) : ICollector
{
    private readonly string _path = Path.Combine(procRoot, "mounts");
    private readonly ProcFileReader _reader = new(8192);
    private readonly Dictionary<string, Task> _hung = new(StringComparer.Ordinal);
    private readonly Dictionary<MountEntry, string> _tags = [];

    public string Name => "df";

    public int DefaultIntervalSeconds => 60;

    public async ValueTask CollectAsync(IMetricWriter writer, CancellationToken cancellationToken)
    {
        if (!_reader.TryRead(_path))
        {
            return;
        }

        var mounts = MountFilter.Parse(_reader.Text, mountPoints);
        double sumTotal = 0, sumUsed = 0;
        foreach (var mount in mounts)
        {
            var usage = await StatAsync(mount.MountPoint, cancellationToken).ConfigureAwait(false);
            if (usage is not { TotalBytes: > 0 } u)
            {
                continue;
            }

            string tags = Tags(mount);
            double used = (double)u.TotalBytes - u.FreeBytes;
            double usedPercent = used + u.AvailableBytes > 0 ? used * 100 / (used + u.AvailableBytes) : 0;
            writer.Gauge("df.bytes.total", u.TotalBytes, tags);
            writer.Gauge("df.bytes.used", used, tags);
            writer.Gauge("df.bytes.free", u.AvailableBytes, tags);
            writer.Gauge("df.bytes.used.percent", usedPercent, tags);
            writer.Gauge("df.bytes.free.percent", 100 - usedPercent, tags);
            sumTotal += u.TotalBytes;
            sumUsed += used;

            if (u.TotalInodes > 0)
            {
                double inodesUsed = (double)u.TotalInodes - u.FreeInodes;
                double inodesUsedPercent = inodesUsed * 100 / u.TotalInodes;
                writer.Gauge("df.inodes.total", u.TotalInodes, tags);
                writer.Gauge("df.inodes.used", inodesUsed, tags);
                writer.Gauge("df.inodes.free", u.FreeInodes, tags);
                writer.Gauge("df.inodes.used.percent", inodesUsedPercent, tags);
                writer.Gauge("df.inodes.free.percent", 100 - inodesUsedPercent, tags);
            }
        }

        if (sumTotal > 0)
        {
            writer.Gauge("df.statistics.total", sumTotal);
            writer.Gauge("df.statistics.used", sumUsed);
            writer.Gauge("df.statistics.used.percent", sumUsed * 100 / sumTotal);
        }
    }

    private async ValueTask<FileSystemUsage?> StatAsync(string mountPoint, CancellationToken cancellationToken)
    {
        if (_hung.TryGetValue(mountPoint, out var pending))
        {
            if (!pending.IsCompleted)
            {
                return null;
            }

            _hung.Remove(mountPoint);
        }

        var stat = Task.Run(() => stats.TryGet(mountPoint, out var usage) ? usage : (FileSystemUsage?)null, CancellationToken.None);
        try
        {
            return await stat.WaitAsync(statfsTimeout, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _hung[mountPoint] = stat;
            return null;
        }
    }

    private string Tags(in MountEntry mount)
    {
        if (!_tags.TryGetValue(mount, out var tags))
        {
            if (_tags.Count >= 1024)
            {
                _tags.Clear();
            }

            tags = "mount=" + mount.MountPoint + ",fstype=" + mount.FsType;
            _tags[mount] = tags;
        }

        return tags;
    }
}
