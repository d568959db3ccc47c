using Falcon.Roles.Agent.Upgrade;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Roles.Agent.Upgrade;

public sealed class UpgradeWatchdogTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 23, 0, 0, TimeSpan.Zero));
    private readonly SelfUpgradeOptions _options = new() { RetryDelay = TimeSpan.FromMinutes(5) };
    private int _starts;
    private UpgradeDirectory _directory = null!;
    private UpgradeAttempts _attempts = null!;

    [SetUp]
    public void SetUp()
    {
        // The state right after a swap: the new binary in place, the old one as backup, the marker from the old binary.
        _directory = new UpgradeDirectory("7.1");
        UpgradeDirectory.WriteScript(_directory.Paths.Backup, UpgradeDirectory.VersionScript("7.0"));
        new UpgradeMarker("7.1", "7.0", _time.GetUtcNow(), _time.GetUtcNow().AddMinutes(10), 3, 0, "", RolledBack: false).Write(_directory.Paths);
        _attempts = new UpgradeAttempts(Options.Create(_options), _time);
    }

    [TearDown]
    public void TearDown() => _directory.Dispose();

    [Test]
    public void CheckAtStartup_WithoutAMarker_HasNothingToDo()
    {
        File.Delete(_directory.Paths.Marker);

        Assert.That(Start("7.1").CheckAtStartup(), Is.EqualTo(WatchdogOutcome.None));
        Assert.That(File.Exists(_directory.Paths.Marker), Is.False);
    }

    [Test]
    public void CheckAtStartup_OfTheNewBinary_CountsTheStartAndWaitsForAHeartbeat()
    {
        var watchdog = Start("7.1");

        Assert.That(watchdog.CheckAtStartup(), Is.EqualTo(WatchdogOutcome.Pending));
        Assert.That(UpgradeMarker.Read(_directory.Paths.Marker)!.Starts, Is.EqualTo(1));
        Assert.That(watchdog.Deadline, Is.EqualTo(_time.GetUtcNow() + TimeSpan.FromMinutes(10)));
    }

    [Test]
    public void CheckAtStartup_AfterTheLastAllowedStart_RestoresTheBackupAndSaysRolledBack()
    {
        for (var start = 1; start <= 3; start++)
        {
            Assert.That(Start("7.1").CheckAtStartup(), Is.EqualTo(WatchdogOutcome.Pending), $"start {start}");
        }

        Assert.That(Start("7.1").CheckAtStartup(), Is.EqualTo(WatchdogOutcome.RolledBack));
        Assert.That(_directory.BinaryText, Does.Contain("echo 7.0"), "the old binary is back");
        Assert.That(File.Exists(_directory.Paths.Backup), Is.True, "the backup stays");
        Assert.That(UpgradeMarker.Read(_directory.Paths.Marker)!.RolledBack, Is.True);
    }

    [Test]
    public void CheckAtStartup_AfterTheWatchdogTime_RestoresTheBackupEvenOnAnEarlyStart()
    {
        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.That(Start("7.1").CheckAtStartup(), Is.EqualTo(WatchdogOutcome.RolledBack));
        Assert.That(_directory.BinaryText, Does.Contain("echo 7.0"));
    }

    [Test]
    public void CheckAtStartup_OfTheRestoredBinary_RemovesTheMarkerAndHoldsOffTheFailedVersion()
    {
        _time.Advance(TimeSpan.FromMinutes(11));
        Start("7.1").CheckAtStartup();

        Assert.That(Start("7.0").CheckAtStartup(), Is.EqualTo(WatchdogOutcome.RolledBackEarlier));
        Assert.That(File.Exists(_directory.Paths.Marker), Is.False);
        Assert.That(_attempts.RetryAt("7.1"), Is.EqualTo(_time.GetUtcNow() + TimeSpan.FromMinutes(5)));
        var outcome = _attempts.LastOutcome;
        Assert.That((outcome?.Version, outcome?.Result), Is.EqualTo(("7.1", "rolledBack")), "reported to hbs at the next heartbeat");
        Assert.That(outcome!.Reason, Does.Contain("rolled back by the watchdog: no successful heartbeat by"));
    }

    [Test]
    public void CheckAtStartup_WhenTheSwapNeverHappened_RemovesTheStaleMarkerWithoutTouchingTheBinary()
    {
        UpgradeDirectory.WriteScript(_directory.Paths.Binary, UpgradeDirectory.VersionScript("7.0"));

        Assert.That(Start("7.0").CheckAtStartup(), Is.EqualTo(WatchdogOutcome.Stale));
        Assert.That(File.Exists(_directory.Paths.Marker), Is.False);
        Assert.That(_directory.BinaryText, Does.Contain("echo 7.0"));
        Assert.That(_attempts.RetryAt("7.1"), Is.LessThan(_time.GetUtcNow()), "not counted as a failure");
    }

    [Test]
    public void CheckAtStartup_WithADamagedMarker_RemovesItAndCarriesOn()
    {
        File.WriteAllText(_directory.Paths.Marker, "version=7.1\n");

        Assert.That(Start("7.1").CheckAtStartup(), Is.EqualTo(WatchdogOutcome.Unreadable));
        Assert.That(File.Exists(_directory.Paths.Marker), Is.False);
    }

    [Test]
    public void CheckAtStartup_WhenTheBackupIsGone_KeepsTheNewBinary()
    {
        File.Delete(_directory.Paths.Backup);
        _time.Advance(TimeSpan.FromHours(1));

        Assert.That(Start("7.1").CheckAtStartup(), Is.EqualTo(WatchdogOutcome.NoBackup));
        Assert.That(_directory.BinaryText, Does.Contain("echo 7.1"));
        Assert.That(File.Exists(_directory.Paths.Marker), Is.False);
    }

    [Test]
    public void Confirm_AfterAPendingStart_RemovesTheMarkerSoLaterStartsAreNotCounted()
    {
        var watchdog = Start("7.1");
        watchdog.CheckAtStartup();

        watchdog.Confirm();

        Assert.That(watchdog.IsPending, Is.False);
        Assert.That(File.Exists(_directory.Paths.Marker), Is.False);
        _time.Advance(TimeSpan.FromHours(1));
        Assert.That(Start("7.1").CheckAtStartup(), Is.EqualTo(WatchdogOutcome.None));
        Assert.That(_directory.BinaryText, Does.Contain("echo 7.1"));
    }

    [Test]
    public void RestoreIfStillPending_AfterAConfirmation_DoesNothing()
    {
        var watchdog = Start("7.1");
        watchdog.CheckAtStartup();
        watchdog.Confirm();

        Assert.That(watchdog.RestoreIfStillPending(), Is.False);
        Assert.That(_directory.BinaryText, Does.Contain("echo 7.1"));
    }

    [Test]
    public async Task Service_WhenNoHeartbeatSucceedsBeforeTheDeadline_RestoresAndRestarts()
    {
        var restart = new RecordingRestart();
        var watchdog = Start("7.1");
        using var service = new UpgradeWatchdogService(watchdog, restart, _time, Options.Create(_options), NullLogger<UpgradeWatchdogService>.Instance);
        await service.StartingAsync(CancellationToken.None);
        await service.StartAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(10));

        await Poll.UntilAsync(() => Task.FromResult(restart.Count == 1), what: "restart after the deadline");
        Assert.That(_directory.BinaryText, Does.Contain("echo 7.0"));
        await service.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task Service_WhenAHeartbeatSucceedsBeforeTheDeadline_KeepsTheNewBinary()
    {
        var restart = new RecordingRestart();
        var watchdog = Start("7.1");
        using var service = new UpgradeWatchdogService(watchdog, restart, _time, Options.Create(_options), NullLogger<UpgradeWatchdogService>.Instance);
        await service.StartingAsync(CancellationToken.None);
        await service.StartAsync(CancellationToken.None);

        watchdog.Confirm();
        _time.Advance(TimeSpan.FromMinutes(11));
        await service.StopAsync(CancellationToken.None);

        Assert.That(restart.Count, Is.Zero);
        Assert.That(_directory.BinaryText, Does.Contain("echo 7.1"));
    }

    [Test]
    public void Service_WhenTheStartRollsBack_FailsTheHostStartWithOneLine()
    {
        _time.Advance(TimeSpan.FromHours(1));
        using var service = new UpgradeWatchdogService(Start("7.1"), new RecordingRestart(), _time, Options.Create(_options), NullLogger<UpgradeWatchdogService>.Instance);

        var error = Assert.ThrowsAsync<Falcon.Shared.Configuration.ConfigurationException>(() => service.StartingAsync(CancellationToken.None));

        Assert.That(error.Message, Does.Contain("previous binary is restored"));
        Assert.That(_directory.BinaryText, Does.Contain("echo 7.0"));
    }

    [Test]
    public void CheckAtStartup_TwiceForTheSameStart_CountsItOnce()
    {
        var first = new UpgradeWatchdog(_directory.Paths, "7.1", "invocation-1", _attempts, _time, NullLogger<UpgradeWatchdog>.Instance);
        var again = new UpgradeWatchdog(_directory.Paths, "7.1", "invocation-1", _attempts, _time, NullLogger<UpgradeWatchdog>.Instance);

        first.CheckAtStartup();
        again.CheckAtStartup();

        Assert.That(UpgradeMarker.Read(_directory.Paths.Marker)!.Starts, Is.EqualTo(1));
    }

    /// <summary>A new process of <paramref name="runningVersion"/>: a start of its own.</summary>
    private UpgradeWatchdog Start(string runningVersion) =>
        new(_directory.Paths, runningVersion, $"start-{++_starts}", _attempts, _time, NullLogger<UpgradeWatchdog>.Instance);
}
