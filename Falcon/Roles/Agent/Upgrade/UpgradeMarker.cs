using System.Globalization;
using System.Text;

namespace Falcon.Roles.Agent.Upgrade;

/// <summary>
/// The watchdog's state beside the binary (`falcon.upgrade`): written by the old binary just before the swap with the
/// limits the new one gets, counted up at each start, removed at the new binary's first successful heartbeat, or
/// marked rolled back (with the reason) by the restore.
/// </summary>
/// <remarks>
/// Plain `key=value` lines so an operator can read it with cat. The limits travel in the file so the supervisor's
/// pre-start step (<see cref="UpgradeWatchdogPreStart"/>) needs no configuration. <see cref="LastStart"/> is the
/// start's id (systemd's INVOCATION_ID), so the pre-start step and the process it precedes count one start once.
/// </remarks>
internal sealed record UpgradeMarker(
    string Version,
    string Previous,
    DateTimeOffset Swapped,
    DateTimeOffset Deadline,
    int MaxStarts,
    int Starts,
    string LastStart,
    bool RolledBack,
    string Reason = "")
{
    /// <summary>Reads the marker; null when there is none; <see cref="FormatException"/> when it is damaged.</summary>
    public static UpgradeMarker? Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Where(l => l.Length > 0))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"line '{line}' is not key=value");
            }

            values[line[..equals]] = line[(equals + 1)..];
        }

        string Get(string key) => values.TryGetValue(key, out var v) ? v : throw new FormatException($"'{key}' is missing");
        DateTimeOffset Time(string key) => DateTimeOffset.Parse(Get(key), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        int Number(string key) => int.Parse(Get(key), NumberStyles.None, CultureInfo.InvariantCulture);
        return new UpgradeMarker(
            Get("version"), Get("previous"), Time("swapped"), Time("deadline"), Number("maxStarts"), Number("starts"),
            Get("lastStart"), bool.Parse(Get("rolledBack")),
            // Written since signed releases; a marker of an older binary has none.
            values.GetValueOrDefault("reason") ?? string.Empty);
    }

    /// <summary>Writes the marker through a temporary file and a rename, so a crash leaves the old or the new state.</summary>
    public void Write(BinaryPaths paths)
    {
        var text = new StringBuilder()
            .Append("version=").Append(Version).Append('\n')
            .Append("previous=").Append(Previous).Append('\n')
            .Append("swapped=").Append(Swapped.ToString("O", CultureInfo.InvariantCulture)).Append('\n')
            .Append("deadline=").Append(Deadline.ToString("O", CultureInfo.InvariantCulture)).Append('\n')
            .Append("maxStarts=").Append(MaxStarts.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("starts=").Append(Starts.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("lastStart=").Append(LastStart).Append('\n')
            .Append("rolledBack=").Append(RolledBack ? "true" : "false").Append('\n')
            .Append("reason=").Append(Reason.ReplaceLineEndings(" ")).Append('\n')
            .ToString();
        var temporary = paths.NewTemporary("marker");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(Encoding.UTF8.GetBytes(text));
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, paths.Marker, overwrite: true);
        }
        catch
        {
            BinaryDownloader.TryDelete(temporary);
            throw;
        }
    }
}
