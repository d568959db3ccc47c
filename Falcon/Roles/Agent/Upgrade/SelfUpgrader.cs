using System.Buffers;
using Falcon.Shared.Model.Agents;
using Falcon.Shared.Releases;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Agent.Upgrade;

/// <summary>
/// Follows hbs's upgrade command: download (gzip asked for), checksum and release signature of the unpacked bytes
/// (both before the file is run at all), `&lt;new&gt; version`, backup, atomic rename, then a normal stop so buffered
/// points are flushed and the supervisor starts the new binary. Any failure before the rename leaves the running
/// binary untouched, and is kept for the heartbeat to report (<see cref="UpgradeAttempts.LastOutcome"/>).
/// </summary>
internal sealed class SelfUpgrader(
    IOptions<SelfUpgradeOptions> options,
    BinaryPaths paths,
    string currentVersion,
    BinaryDownloader downloader,
    SignatureCheck signatures,
    UpgradeWatchdog watchdog,
    UpgradeAttempts attempts,
    IUpgradeRestart restart,
    TimeProvider time,
    ILogger<SelfUpgrader> logger) : ISelfUpgrade, IDisposable
{
    private static readonly SearchValues<char> VersionCharacters =
        SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_+");

    // A signature file is small; it gets the download's time but never needs it.
    private static readonly TimeSpan SignatureTimeout = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _disposed = new();
    private int _running;
    private int _disposeCalls;
    private string? _lastIgnored;

    public bool InProgress => Volatile.Read(ref _running) != 0;

    public AgentUpgradeOutcome? LastOutcome => attempts.LastOutcome;

    /// <summary>The upgrade started by the last command that started one (for tests and diagnostics).</summary>
    public Task Current { get; private set; } = Task.CompletedTask;

    public void OnUpgradeCommand(AgentUpgradeArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var version = args.Version.Trim();
        // 7.1 and 7.1.0 are one version: a command for either is done on an agent running the other.
        if (version.Length == 0 || ReleaseVersion.AreSame(version, currentVersion) || InProgress)
        {
            return;
        }

        if (!options.Value.Enabled)
        {
            IgnoreOnce(version, null);
            attempts.RecordRefusal(version, "self-upgrade is off on this agent (agent.selfUpgrade)");
            return;
        }

        var problem = Check(args, version);
        if (problem is not null)
        {
            IgnoreOnce(version, problem);
            attempts.RecordRefusal(version, problem);
            return;
        }

        if (attempts.RetryAt(version) > time.GetUtcNow() || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return;
        }

        Current = Task.Run(() => UpgradeAsync(args, version, _disposed.Token));
    }

    public void OnHeartbeatSucceeded() => watchdog.Confirm();

    public void Dispose()
    {
        // Registered as itself and as ISelfUpgrade, so the container disposes it twice.
        if (Interlocked.Exchange(ref _disposeCalls, 1) == 0)
        {
            _disposed.Cancel();
            _disposed.Dispose();
        }
    }

    private string? Check(AgentUpgradeArgs args, string version)
    {
        if (version.Length > 64 || version.AsSpan().ContainsAnyExcept(VersionCharacters))
        {
            return "the version may only hold letters, digits and . - _ + (at most 64)";
        }

        if (args.BinFile is { Length: > 0 } file && (file.Length > 128 || file[0] == '.' || file.AsSpan().ContainsAnyExcept(VersionCharacters)))
        {
            return $"binfile '{file}' is not a plain file name (letters, digits and . - _ + , at most 128)";
        }

        if (args.Type is not (0 or 2))
        {
            // Falcon's configuration is the operator's falcon.yaml, not a file hbs hands out.
            return $"type {args.Type} is not supported (0 = binary, 2 = binary and configuration, whose configuration part is not applied)";
        }

        if (Path.GetFileNameWithoutExtension(paths.Binary) == "dotnet")
        {
            return "this agent runs under the dotnet host; set agent.upgrade.binaryPath to the falcon binary";
        }

        return null;
    }

    private void IgnoreOnce(string version, string? reason)
    {
        var key = version + "\n" + reason;
        if (Interlocked.Exchange(ref _lastIgnored, key) == key)
        {
            return;
        }

        if (reason is null)
        {
            UpgradeLog.Disabled(logger, version);
        }
        else
        {
            UpgradeLog.Ignored(logger, version, reason);
        }
    }

    private async Task UpgradeAsync(AgentUpgradeArgs args, string version, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var download = paths.NewTemporary("download");
        var markerWritten = false;
        attempts.Started(version);
        try
        {
            var url = DownloadUrl(settings.UrlPattern, args.WgetUrl, version, args.BinFile);
            UpgradeLog.Starting(logger, currentVersion, version, url.ToString());
            var file = await downloader.DownloadAsync(url, download, settings.MaxBinaryMegabytes * 1024L * 1024L, settings.DownloadTimeout, cancellationToken);
            ChecksumCheck.Verify(args, file);
            // Before the version check, which runs the file: an unsigned download is never executed.
            if (await signatures.VerifyAsync(args, url, file, downloader, SignatureTimeout, cancellationToken) is { } keyId)
            {
                UpgradeLog.SignatureVerified(logger, version, keyId);
            }

            await VersionProbe.VerifyAsync(file.Path, version, settings.VersionCheckTimeout, cancellationToken);

            var now = time.GetUtcNow();
            new UpgradeMarker(version, currentVersion, now, now + settings.WatchdogTime, settings.WatchdogStarts, 0, "", RolledBack: false).Write(paths);
            markerWritten = true;
            BinarySwap.Replace(paths, file.Path);
            UpgradeLog.Swapping(logger, file.Length, file.WireLength, version, paths.Binary, paths.Backup);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            BinaryDownloader.TryDelete(download);
            if (markerWritten)
            {
                BinaryDownloader.TryDelete(paths.Marker);
            }

            var reason = e is UpgradeException ? e.Message : e.ToString();
            UpgradeLog.Failed(logger, version, paths.Binary, attempts.RecordFailure(version, AgentUpgradeOutcome.Failed, e.Message), reason);
            Volatile.Write(ref _running, 0);
            return;
        }
        catch (OperationCanceledException)
        {
            BinaryDownloader.TryDelete(download);
            Volatile.Write(ref _running, 0);
            return;
        }

        // InProgress stays true: hbs must not send the command again while this process stops.
        restart.Restart($"start version {version}");
    }

    internal static Uri DownloadUrl(string pattern, string wgetUrl, string version, string? binFile = null)
    {
        var text = pattern
            .Replace("{wgeturl}", wgetUrl.Trim().TrimEnd('/'), StringComparison.Ordinal)
            .Replace("{binfile}", string.IsNullOrWhiteSpace(binFile) ? $"bin_{version}" : binFile.Trim(), StringComparison.Ordinal)
            .Replace("{version}", version, StringComparison.Ordinal);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new UpgradeException($"the download URL '{text}' (wgeturl '{wgetUrl}') is not an http or https URL");
        }

        return url;
    }
}
