using Falcon.Cli.Http;
using Falcon.Roles.Hbs.Upgrade;

namespace Falcon.Cli.Upgrade;

/// <summary>`falcon upgrade status [--watch]`: one report, or a progress line refreshed until the task settles.</summary>
internal static class UpgradeStatusWatcher
{
    public static async Task<int> RunAsync(RoleApiClient client, TextWriter output, bool watch, TimeSpan interval, CancellationToken cancellationToken)
    {
        var status = await client.GetStatusAsync(cancellationToken) ?? new UpgradeStatus();
        await output.WriteLineAsync(UpgradeStatusView.Header(status));
        if (status.State == "none")
        {
            return ExitCodes.Ok;
        }

        if (!watch)
        {
            await output.WriteLineAsync(UpgradeStatusView.ProgressLine(status));
            UpgradeStatusView.WriteDetails(output, status);
            return ExitCodes.Ok;
        }

        // Rewriting one line with \r only makes sense on a terminal; piped output gets a line per change instead.
        var inPlace = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var state = status.State;
        string? last = null;
        try
        {
            while (true)
            {
                var line = UpgradeStatusView.ProgressLine(status);
                if (inPlace)
                {
                    await output.WriteAsync($"\r{line.PadRight(last?.Length ?? 0)}");
                }
                else if (line != last)
                {
                    await output.WriteLineAsync(line);
                }

                last = line;
                if (UpgradeStatusView.IsSettled(status))
                {
                    break;
                }

                await Task.Delay(interval, cancellationToken);
                status = await client.GetStatusAsync(cancellationToken) ?? new UpgradeStatus();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C ends the watch; the upgrade itself carries on in hbs.
        }

        if (inPlace)
        {
            await output.WriteLineAsync();
        }

        if (status.State != state)
        {
            await output.WriteLineAsync(UpgradeStatusView.Header(status));
        }
        else if (status.State == "running" && UpgradeStatusView.IsSettled(status))
        {
            await output.WriteLineAsync("every host seen since the push is upgraded or failed (hosts that have not heartbeated since are not counted)");
        }

        UpgradeStatusView.WriteDetails(output, status);
        return ExitCodes.Ok;
    }
}
