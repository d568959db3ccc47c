using System.Globalization;
using Falcon.Roles.Hbs.Upgrade;

namespace Falcon.Cli.Upgrade;

/// <summary>Renders an upgrade status as plain text: a header, a progress bar line, then the failed hosts.</summary>
internal static class UpgradeStatusView
{
    private const int BarWidth = 30;

    public static string Header(UpgradeStatus status)
    {
        if (status.State == "none")
        {
            return "no upgrade task";
        }

        var pushed = DateTimeOffset.FromUnixTimeSeconds(status.Created).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var header = $"upgrade to {status.Version}: {status.State}, {status.Phase} phase, pushed {pushed}, at most {status.MaxConcurrent} at once";
        return status.Reason is { Length: > 0 } reason ? $"{header}\n{reason}" : header;
    }

    /// <summary>`[#####-----]  50%  upgraded 120 / in flight 20 / failed 3 / remaining 57`.</summary>
    public static string ProgressLine(UpgradeStatus status)
    {
        var total = status.Done + status.InFlight + status.Failed + status.Remaining;
        var filled = total == 0 ? 0 : (int)(status.Done * BarWidth / total);
        var percent = total == 0 ? 0 : status.Done * 100 / total;
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('-', BarWidth - filled)}] {percent,3}%  upgraded {status.Done} / in flight {status.InFlight} / failed {status.Failed} / remaining {status.Remaining}");
        if (status.FailedAttempts > 0)
        {
            line += string.Create(CultureInfo.InvariantCulture, $" / last attempt failed on {status.FailedAttempts} (rolled back {status.RolledBack})");
        }

        return status.Phase == "canary" ? $"{line} (canary hosts waiting {status.CanaryWaiting})" : line;
    }

    /// <summary>Every listed host that is not simply upgraded: given up, rolled back, failed, refused, in flight, with attempts and reason.</summary>
    public static void WriteHosts(TextWriter output, UpgradeStatus status)
    {
        var hosts = status.Hosts.Where(h => h.State != UpgradeHostStatus.Upgraded).ToList();
        if (hosts.Count == 0)
        {
            return;
        }

        output.WriteLine(status.HostsTruncated ? $"hosts (first {status.Hosts.Count} listed):" : "hosts:");
        var width = hosts.Max(h => h.Hostname.Length);
        var stateWidth = hosts.Max(h => h.State.Length);
        foreach (var host in hosts)
        {
            var retry = host.RetryAt > 0
                ? $", retried after {DateTimeOffset.FromUnixTimeSeconds(host.RetryAt).ToString("HH:mm:ss'Z'", CultureInfo.InvariantCulture)}"
                : string.Empty;
            var reason = host.Reason.Length > 0 ? $"  {host.Reason}" : string.Empty;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {host.Hostname.PadRight(width)}  {host.State.PadRight(stateWidth)}  {host.Attempts} attempt(s){retry}{reason}"));
        }
    }

    /// <summary>The per-host list from an hbs that sends one, else (an older hbs) the failed hosts.</summary>
    public static void WriteDetails(TextWriter output, UpgradeStatus status)
    {
        if (status.Hosts.Count > 0)
        {
            WriteHosts(output, status);
        }
        else
        {
            WriteFailedHosts(output, status);
        }
    }

    public static void WriteFailedHosts(TextWriter output, UpgradeStatus status)
    {
        if (status.FailedHosts.Count == 0)
        {
            return;
        }

        var more = status.Failed > status.FailedHosts.Count ? $", first {status.FailedHosts.Count} shown" : string.Empty;
        output.WriteLine($"failed hosts ({status.Failed}{more}; retried only when the task is pushed again):");
        var width = status.FailedHosts.Max(h => h.Hostname.Length);
        foreach (var host in status.FailedHosts)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {host.Hostname.PadRight(width)}  {host.Attempts} attempt(s)  {host.Error}"));
        }
    }

    /// <summary>Nothing upgrading or waiting, and something happened: all hosts seen so far are done or failed.</summary>
    public static bool IsSettled(UpgradeStatus status) =>
        status.State != "running"
        || (status.InFlight == 0 && status.Remaining == 0 && status.CanaryWaiting == 0 && status.Done + status.Failed > 0);
}
