using Falcon.Roles.Agent.Upgrade;
using Microsoft.Extensions.Logging.Abstractions;

namespace Falcon.Tests.Roles.Agent.Upgrade;

/// <summary>A <see cref="SelfUpgrader"/> wired to a scratch install directory, real downloads and a recording restart.</summary>
internal sealed class UpgraderHarness : IDisposable
{
    private readonly BinaryDownloader _downloader = new();

    public UpgraderHarness(string installedVersion = "7.0", Action<SelfUpgradeOptions>? configure = null)
    {
        Directory = new UpgradeDirectory(installedVersion);
        Options = new SelfUpgradeOptions { BinaryPath = Directory.Paths.Binary, DownloadTimeout = TimeSpan.FromSeconds(10) };
        configure?.Invoke(Options);
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        Attempts = new UpgradeAttempts(options, TimeProvider.System);
        Watchdog = new UpgradeWatchdog(Directory.Paths, installedVersion, "test-start", Attempts, TimeProvider.System, NullLogger<UpgradeWatchdog>.Instance);
        Signatures = new SignatureCheck(options);
        Upgrader = new SelfUpgrader(
            options, Directory.Paths, installedVersion, _downloader, Signatures, Watchdog, Attempts, Restart, TimeProvider.System, NullLogger<SelfUpgrader>.Instance);
    }

    public UpgradeDirectory Directory { get; }

    public SelfUpgradeOptions Options { get; }

    public UpgradeAttempts Attempts { get; }

    public UpgradeWatchdog Watchdog { get; }

    public SelfUpgrader Upgrader { get; }

    public SignatureCheck Signatures { get; }

    public RecordingRestart Restart { get; } = new();

    /// <summary>Sends the command and waits for the upgrade it started (if any) to end.</summary>
    public async Task CommandAsync(Falcon.Shared.Model.Agents.AgentUpgradeArgs args)
    {
        Upgrader.OnUpgradeCommand(args);
        await Upgrader.Current.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Asserts the failure left everything as before: the old binary, no backup, no marker, no temporary file, no restart.</summary>
    public void AssertOldBinaryUntouched(string oldVersion = "7.0")
    {
        Assert.Multiple(() =>
        {
            Assert.That(Directory.BinaryText, Is.EqualTo(UpgradeDirectory.VersionScript(oldVersion)));
            Assert.That(Directory.Files, Is.EqualTo(new[] { "falcon" }), "nothing but the binary is left in its directory");
            Assert.That(Restart.Count, Is.Zero, "no restart");
            Assert.That(Upgrader.InProgress, Is.False, "InUpgrading is reported false again");
        });
    }

    public void Dispose()
    {
        Upgrader.Dispose();
        Signatures.Dispose();
        _downloader.Dispose();
        Directory.Dispose();
    }
}
