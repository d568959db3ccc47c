using System.Diagnostics;
using Falcon.Shared.Releases;

namespace Falcon.Roles.Agent.Upgrade;

/// <summary>Runs a new binary as `&lt;file&gt; version` and checks it prints the version it is supposed to be; only ever given a download whose checksum and signature were verified.</summary>
internal static class VersionProbe
{
    public static async Task VerifyAsync(string path, string expectedVersion, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("version");
        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            throw new UpgradeException($"the new binary does not run: {e.Message}", e);
        }

        process.StandardInput.Close();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            await Task.WhenAll(output, error);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new UpgradeException($"the new binary did not print its version within {timeout}");
        }

        var printed = (await output).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        if (process.ExitCode != 0)
        {
            throw new UpgradeException($"`{Path.GetFileName(path)} version` exited with code {process.ExitCode}: {Tail(await error)}");
        }

        // 7.1 and 7.1.0 are one version (the command may use either spelling).
        if (printed.Length == 0 || !ReleaseVersion.AreSame(printed, expectedVersion))
        {
            throw new UpgradeException($"the new binary says it is version '{Tail(printed)}', the command asked for '{expectedVersion}'");
        }
    }

    private static string Tail(string text)
    {
        text = text.Trim();
        return text.Length > 200 ? text[^200..] : text;
    }
}
