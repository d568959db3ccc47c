namespace Falcon.Roles.Agent.Collectors;

/// <summary>
/// Which lines of /proc/mounts df reports: open-falcon's nux ListMountPoint filters, then the optional
/// <see cref="CollectorOptions.MountPoint"/> list.
/// </summary>
/// <remarks>
/// Skipped: devices none, nodev and tmpfs; types cgroup, debugfs, devtmpfs, rpc_pipefs, rootfs and fuse*; mounts
/// under /dev, /sys, /net, /misc, /proc and /lib. open-falcon matched those as string prefixes, which also dropped
/// /library or /network; here they match whole path components. Bind mounts of one /dev/* device are reduced to the
/// shortest mount path.
/// </remarks>
internal static class MountFilter
{
    private static readonly string[] IgnoredDevices = ["none", "nodev", "tmpfs"];
    private static readonly string[] IgnoredTypes = ["cgroup", "debugfs", "devtmpfs", "rpc_pipefs", "rootfs"];
    private static readonly string[] IgnoredPrefixes = ["/dev", "/sys", "/net", "/misc", "/proc", "/lib"];

    public static List<MountEntry> Parse(ReadOnlySpan<char> mounts, IReadOnlyCollection<string> only)
    {
        var result = new List<MountEntry>();
        foreach (var line in mounts.EnumerateLines())
        {
            var words = new Words(line);
            var device = words.Next();
            var mountPoint = words.Next();
            var type = words.Next();
            if (type.IsEmpty || Ignored(device, mountPoint, type))
            {
                continue;
            }

            var entry = new MountEntry(ProcParse.UnescapeMountField(device), ProcParse.UnescapeMountField(mountPoint), type.ToString());
            if (only.Count > 0 && !only.Contains(entry.MountPoint))
            {
                continue;
            }

            if (entry.Device.StartsWith("/dev", StringComparison.Ordinal))
            {
                int same = result.FindIndex(e => e.Device == entry.Device);
                if (same >= 0)
                {
                    if (entry.MountPoint.Length < result[same].MountPoint.Length)
                    {
                        result[same] = entry;
                    }

                    continue;
                }
            }

            result.Add(entry);
        }

        return result;
    }

    private static bool Ignored(ReadOnlySpan<char> device, ReadOnlySpan<char> mountPoint, ReadOnlySpan<char> type)
    {
        foreach (var ignored in IgnoredDevices)
        {
            if (device.SequenceEqual(ignored))
            {
                return true;
            }
        }

        if (type.StartsWith("fuse", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var ignored in IgnoredTypes)
        {
            if (type.SequenceEqual(ignored))
            {
                return true;
            }
        }

        foreach (var prefix in IgnoredPrefixes)
        {
            if (mountPoint.StartsWith(prefix, StringComparison.Ordinal) && (mountPoint.Length == prefix.Length || mountPoint[prefix.Length] == '/'))
            {
                return true;
            }
        }

        return false;
    }
}
