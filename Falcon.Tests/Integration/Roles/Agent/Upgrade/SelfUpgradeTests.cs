using System.IO.Compression;
using System.Text;
using Falcon.Roles.Agent.Upgrade;
using Falcon.Shared.Model.Agents;
using Falcon.Tests.Integration.Servers;
using Falcon.Tests.Roles.Agent.Upgrade;

namespace Falcon.Tests.Integration.Roles.Agent.Upgrade;

/// <summary>The agent's self-upgrade against a real nginx (gzip_static on), with shell scripts standing in for binaries.</summary>
[Category("Integration")]
public sealed class SelfUpgradeTests
{
    private static NginxServer _nginx = null!;

    [OneTimeSetUp]
    public static async Task StartNginxAsync() => _nginx = await NginxServer.StartAsync();

    [OneTimeTearDown]
    public static async Task StopNginxAsync() => await _nginx.DisposeAsync();

    [Test]
    public async Task Upgrade_FromAGzipOnlyFile_ChecksTheUnpackedBytesKeepsABackupSwapsAndRestarts()
    {
        var version = NewVersion();
        var script = UpgradeDirectory.VersionScript(version);
        // Only the .gz is published: the upgrade can only work if the agent asked for gzip and unpacked it.
        UpgradeDirectory.WriteGzip(Path.Combine(_nginx.Root, $"bin_{version}.gz"), script);
        using var harness = new UpgraderHarness();

        await harness.CommandAsync(Command(version, UpgradeDirectory.Sha256(script)));

        Assert.Multiple(() =>
        {
            Assert.That(harness.Directory.BinaryText, Is.EqualTo(script), "the new binary is in place");
            Assert.That(File.ReadAllText(harness.Directory.Paths.Backup), Is.EqualTo(UpgradeDirectory.VersionScript("7.0")), "the old one is the backup");
            var marker = UpgradeMarker.Read(harness.Directory.Paths.Marker);
            Assert.That(marker, Is.EqualTo(marker! with { Version = version, Previous = "7.0", Starts = 0, MaxStarts = 5, RolledBack = false }));
            Assert.That(marker.Deadline - marker.Swapped, Is.EqualTo(TimeSpan.FromMinutes(10)));
            Assert.That(harness.Directory.Files, Is.EqualTo(new[] { "falcon", "falcon.bak", "falcon.upgrade" }), "no temporary file is left");
            Assert.That(harness.Restart.Count, Is.EqualTo(1), "the agent stops so the supervisor starts the new binary");
            Assert.That(harness.Upgrader.InProgress, Is.True, "InUpgrading stays true until the process is gone");
        });
        await VersionProbe.VerifyAsync(harness.Directory.Paths.Binary, version, TimeSpan.FromSeconds(10), CancellationToken.None);
    }

    [Test]
    public async Task Upgrade_FromAPlainFileWithAnMd5Only_Works()
    {
        var version = NewVersion();
        var script = UpgradeDirectory.VersionScript(version);
        File.WriteAllText(Path.Combine(_nginx.Root, $"bin_{version}"), script);
        using var harness = new UpgraderHarness();
        var args = Command(version, sha256: null);
        args.BinFileMd5 = UpgradeDirectory.Md5(script).ToUpperInvariant();

        await harness.CommandAsync(args);

        Assert.That(harness.Directory.BinaryText, Is.EqualTo(script));
        Assert.That(harness.Restart.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task Upgrade_ThenTheNewBinarysFirstHeartbeat_ConfirmsItForGood()
    {
        var version = NewVersion();
        var script = UpgradeDirectory.VersionScript(version);
        UpgradeDirectory.WriteGzip(Path.Combine(_nginx.Root, $"bin_{version}.gz"), script);
        using var old = new UpgraderHarness();
        await old.CommandAsync(Command(version, UpgradeDirectory.Sha256(script)));

        // The supervisor starts the new binary: its watchdog counts the start, its first heartbeat confirms.
        var options = Microsoft.Extensions.Options.Options.Create(old.Options);
        var watchdog = new UpgradeWatchdog(old.Directory.Paths, version, "first-start", new UpgradeAttempts(options, TimeProvider.System), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<UpgradeWatchdog>.Instance);
        Assert.That(watchdog.CheckAtStartup(), Is.EqualTo(WatchdogOutcome.Pending));
        watchdog.Confirm();

        Assert.That(old.Directory.Files, Is.EqualTo(new[] { "falcon", "falcon.bak" }));
        Assert.That(old.Directory.BinaryText, Is.EqualTo(script));
    }

    [Test]
    public async Task Download_OfAGzipPublishedBinary_TravelsCompressedAndIsUnpacked()
    {
        var version = NewVersion();
        // Repetitive like a real binary's padding, so gzip shrinks it a lot.
        var script = UpgradeDirectory.VersionScript(version) + "#" + string.Concat(Enumerable.Repeat("falcon agent ", 20_000)) + "\n";
        UpgradeDirectory.WriteGzip(Path.Combine(_nginx.Root, $"bin_{version}.gz"), script);
        File.WriteAllText(Path.Combine(_nginx.Root, $"bin_{version}"), script);
        using var directory = new UpgradeDirectory();
        using var downloader = new BinaryDownloader();

        var download = await downloader.DownloadAsync(
            new Uri(_nginx.BaseAddress, $"/bin_{version}"), directory.Paths.NewTemporary("download"), 1 << 24, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.That(download.Length, Is.EqualTo(Encoding.UTF8.GetByteCount(script)));
        Assert.That(download.WireLength, Is.LessThan(download.Length / 10), "nginx sent the .gz");
        Assert.That(download.Sha256, Is.EqualTo(UpgradeDirectory.Sha256(script)));
        Assert.That(File.ReadAllText(download.Path), Is.EqualTo(script));
    }

    [Test]
    public async Task Upgrade_WithAWrongChecksum_LeavesTheOldBinaryRunning()
    {
        var version = NewVersion();
        UpgradeDirectory.WriteGzip(Path.Combine(_nginx.Root, $"bin_{version}.gz"), UpgradeDirectory.VersionScript(version));
        using var harness = new UpgraderHarness();

        await harness.CommandAsync(Command(version, UpgradeDirectory.Sha256("something else")));

        harness.AssertOldBinaryUntouched();
        Assert.That(harness.Attempts.RetryAt(version), Is.GreaterThan(DateTimeOffset.UtcNow), "not fetched again at the next heartbeat");
    }

    [Test]
    public async Task Upgrade_WhenTheFileIsMissing_LeavesTheOldBinaryRunning()
    {
        using var harness = new UpgraderHarness();

        await harness.CommandAsync(Command(NewVersion(), UpgradeDirectory.Sha256("x")));

        harness.AssertOldBinaryUntouched();
    }

    [Test]
    public async Task Upgrade_WhenTheNewBinaryPrintsAnotherVersion_LeavesTheOldBinaryRunning()
    {
        var version = NewVersion();
        var script = UpgradeDirectory.VersionScript("6.9.9");
        File.WriteAllText(Path.Combine(_nginx.Root, $"bin_{version}"), script);
        using var harness = new UpgraderHarness();

        await harness.CommandAsync(Command(version, UpgradeDirectory.Sha256(script)));

        harness.AssertOldBinaryUntouched();
    }

    [Test]
    public async Task Upgrade_WhenTheDownloadIsCutHalfway_LeavesTheOldBinaryRunning()
    {
        var version = NewVersion();
        var script = UpgradeDirectory.VersionScript(version) + new string('#', 100_000) + "\n";
        var bytes = Encoding.UTF8.GetBytes(script);
        using var server = new CuttingServer($"HTTP/1.1 200 OK\nContent-Length: {bytes.Length}\nConnection: close\n", bytes[..(bytes.Length / 2)]);
        using var harness = new UpgraderHarness();
        var args = Command(version, UpgradeDirectory.Sha256(script));
        args.WgetUrl = server.BaseAddress.ToString();

        await harness.CommandAsync(args);

        harness.AssertOldBinaryUntouched();
    }

    [Test]
    public async Task Upgrade_WhenAGzipDownloadIsCutHalfway_LeavesTheOldBinaryRunning()
    {
        var version = NewVersion();
        var script = UpgradeDirectory.VersionScript(version) + string.Concat(Enumerable.Range(0, 20_000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "\n";
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(script));
        }

        var gz = packed.ToArray();
        // No Content-Length: only the gzip stream itself can tell the body is short.
        using var server = new CuttingServer("HTTP/1.1 200 OK\nContent-Encoding: gzip\nConnection: close\n", gz[..(gz.Length / 2)]);
        using var harness = new UpgraderHarness();
        var args = Command(version, UpgradeDirectory.Sha256(script));
        args.WgetUrl = server.BaseAddress.ToString();

        await harness.CommandAsync(args);

        harness.AssertOldBinaryUntouched();
    }

    [Test]
    public async Task Upgrade_WhenTheServerStallsMidBody_GivesUpAtTheDownloadTimeout()
    {
        var version = NewVersion();
        using var server = new CuttingServer("HTTP/1.1 200 OK\nContent-Length: 100000\n", new byte[1000], TimeSpan.FromSeconds(30));
        using var harness = new UpgraderHarness(configure: o => o.DownloadTimeout = TimeSpan.FromSeconds(1));
        var args = Command(version, UpgradeDirectory.Sha256("x"));
        args.WgetUrl = server.BaseAddress.ToString();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await harness.CommandAsync(args);

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
        harness.AssertOldBinaryUntouched();
    }

    [Test]
    public async Task Upgrade_OfAFileLargerThanTheLimit_IsRefused()
    {
        var version = NewVersion();
        var script = UpgradeDirectory.VersionScript(version) + new string('#', 2 * 1024 * 1024) + "\n";
        UpgradeDirectory.WriteGzip(Path.Combine(_nginx.Root, $"bin_{version}.gz"), script);
        using var harness = new UpgraderHarness(configure: o => o.MaxBinaryMegabytes = 1);

        await harness.CommandAsync(Command(version, UpgradeDirectory.Sha256(script)));

        harness.AssertOldBinaryUntouched();
    }

    private static string NewVersion() => $"7.1.{Random.Shared.Next(1_000_000)}";

    private static AgentUpgradeArgs Command(string version, string? sha256) => new()
    {
        Type = 0,
        WgetUrl = _nginx.BaseAddress + "/",
        Version = version,
        BinFileSha256 = sha256,
    };
}
