using System.Globalization;

namespace Falcon.Cli.Bench;

/// <summary>Reads a process's CPU time (user + system) from /proc/&lt;pid&gt;/stat, to charge a server per call.</summary>
internal static class ProcessCpu
{
    /// <summary>CPU time used so far by <paramref name="pid"/>, or null when it cannot be read.</summary>
    public static TimeSpan? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            // The command name (field 2) may hold spaces and parentheses: fields are counted after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            // USER_HZ is 100 on every Linux this runs on (sysconf(_SC_CLK_TCK)).
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
