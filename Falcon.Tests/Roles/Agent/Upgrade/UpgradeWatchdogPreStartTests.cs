using System.Diagnostics;
using Falcon.Roles.Agent.Upgrade;

namespace Falcon.Tests.Roles.Agent.Upgrade;

public sealed class UpgradeWatchdogPreStartTests
{
    [Test]
    public async Task SupervisorLoop_WhenTheNewBinaryExitsAtOnce_GetsTheOldBinaryBackAfterItsStarts()
    {
        // Right after a swap: the new binary crashes before any of its own code could count a start.
        using var directory = new UpgradeDirectory();
        UpgradeDirectory.WriteScript(directory.Paths.Binary, UpgradeDirectory.VersionScript("7.1", "echo crashing; exit 70"));
        UpgradeDirectory.WriteScript(directory.Paths.Backup, UpgradeDirectory.VersionScript("7.0", "echo running 7.0; exit 0"));
        var now = DateTimeOffset.UtcNow;
        new UpgradeMarker("7.1", "7.0", now, now.AddMinutes(10), 3, 0, "", RolledBack: false).Write(directory.Paths);

        // The supervisor: before each start the backup's pre-start step, then the binary; until a start succeeds.
        var runs = new List<(int Code, string Output)>();
        for (var start = 1; start <= 10 && (runs.Count == 0 || runs[^1].Code != 0); start++)
        {
            Assert.That(UpgradeWatchdogPreStart.Run(directory.Paths.Binary, $"invocation-{start}", TextWriter.Null, TextWriter.Null), Is.Zero);
            runs.Add(await RunAsync(directory.Paths.Binary));
        }

        Assert.That(runs, Is.EqualTo(new[] { (70, "crashing"), (70, "crashing"), (70, "crashing"), (0, "running 7.0") }));
        Assert.That(directory.BinaryText, Is.EqualTo(File.ReadAllText(directory.Paths.Backup)));
        Assert.That(UpgradeMarker.Read(directory.Paths.Marker)!.RolledBack, Is.True, "left for the restored binary to read");
    }

    [Test]
    public void Run_WithoutAMarker_DoesNothingAndSucceeds()
    {
        using var directory = new UpgradeDirectory();
        using var output = new StringWriter();

        Assert.That(UpgradeWatchdogPreStart.Run(directory.Paths.Binary, "x", output, TextWriter.Null), Is.Zero);
        Assert.That(output.ToString(), Is.Empty);
        Assert.That(directory.Files, Is.EqualTo(new[] { "falcon" }));
    }

    [Test]
    public void Run_ForAStartTheAgentAlsoCounts_CountsItOnce()
    {
        using var directory = new UpgradeDirectory("7.1");
        var now = DateTimeOffset.UtcNow;
        new UpgradeMarker("7.1", "7.0", now, now.AddMinutes(10), 3, 0, "", RolledBack: false).Write(directory.Paths);
        using var output = new StringWriter();

        UpgradeWatchdogPreStart.Run(directory.Paths.Binary, "invocation-1", output, TextWriter.Null);
        UpgradeWatchdog.Evaluate(directory.Paths, "7.1", "invocation-1", now);

        Assert.That(UpgradeMarker.Read(directory.Paths.Marker)!.Starts, Is.EqualTo(1));
        Assert.That(output.ToString(), Does.Contain("start 1 of at most 3"));
    }

    [TestCase("/opt/falcon/falcon.bak", "/opt/falcon/falcon")]
    [TestCase("/opt/falcon/falcon", "/opt/falcon/falcon")]
    public void DefaultBinary_OfTheBackup_IsTheBinaryBesideIt(string running, string guarded)
    {
        Assert.That(UpgradeWatchdogPreStart.DefaultBinary(running), Is.EqualTo(guarded));
    }

    private static async Task<(int Code, string Output)> RunAsync(string binary)
    {
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("run");
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output.Trim());
    }
}
