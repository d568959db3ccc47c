using System.Globalization;

namespace Falcon.Hosting.Limits;

/// <summary>The process's open-file limit (RLIMIT_NOFILE) as the kernel reports it in /proc/self/limits.</summary>
internal readonly record struct FileDescriptorLimit(long Soft, long Hard, bool Known)
{
    /// <summary>What Linux gives a process when nothing raised it; assumed where /proc is not there.</summary>
    public const long LinuxDefault = 1024;

    public static FileDescriptorLimit Read()
    {
        try
        {
            return Parse(File.ReadAllLines("/proc/self/limits"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new FileDescriptorLimit(LinuxDefault, LinuxDefault, Known: false);
        }
    }

    /// <summary>Reads the "Max open files  soft  hard  files" line; "unlimited" counts as a large number.</summary>
    internal static FileDescriptorLimit Parse(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            if (!line.StartsWith("Max open files", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 2)
            {
                return new FileDescriptorLimit(Number(fields[0]), Number(fields[1]), Known: true);
            }
        }

        return new FileDescriptorLimit(LinuxDefault, LinuxDefault, Known: false);
    }

    private static long Number(string field) =>
        field == "unlimited" ? int.MaxValue : long.Parse(field, NumberStyles.None, CultureInfo.InvariantCulture);
}
