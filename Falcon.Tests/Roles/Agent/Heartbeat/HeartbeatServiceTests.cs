using Falcon.Hosting;
using Falcon.Roles.Agent;
using Falcon.Roles.Agent.Collectors;
using Falcon.Roles.Agent.Heartbeat;
using Falcon.Shared.Model.Agents;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Roles.Agent.Heartbeat;

public sealed class HeartbeatServiceTests
{
    private TestMeterFactory _meters = null!;
    private BuiltinMetricSet _builtin = null!;
    private TrustableIps _ips = null!;
    private FakeSelfUpgrade _upgrade = null!;

    [SetUp]
    public void SetUp()
    {
        _meters = new TestMeterFactory();
        _builtin = new BuiltinMetricSet();
        _ips = new TrustableIps();
        _upgrade = new FakeSelfUpgrade();
    }

    [TearDown]
    public void TearDown() => _meters.Dispose();

    [Test]
    public async Task Beat_ReportsAsTheConfiguredHostname_WithVersionAndInUpgrading_AndPassesTheUpgradeCommandOn()
    {
        await using var hbs = await RecordingRpcServer.StartAsync();
        hbs.ReportReply = new AgentReportResponse { Args = new AgentUpgradeArgs { Type = 0, WgetUrl = "https://dl/falcon", Version = "7.1.0" } };
        _upgrade.InProgress = true;
        using var service = Service(o => o.Hbs.Add(hbs.Address));

        await service.BeatAsync(CancellationToken.None);

        var report = hbs.Reports.Single();
        Assert.Multiple(() =>
        {
            Assert.That((report.Hostname, report.AgentVersion, report.InUpgrading), Is.EqualTo(("web-01", FalconVersion.Current, true)));
            Assert.That(report.IP, Is.EqualTo("127.0.0.1"), "the local address that routes to hbs");
            Assert.That(_upgrade.Commands.Single().Version, Is.EqualTo("7.1.0"));
            Assert.That(_upgrade.HeartbeatsSucceeded, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Beat_ReportsHowTheLastUpgradeAttemptEnded_InFalconsExtensionField()
    {
        await using var hbs = await RecordingRpcServer.StartAsync();
        _upgrade.LastOutcome = new AgentUpgradeOutcome { Version = "7.1.0", Result = AgentUpgradeOutcome.Failed, Reason = "download of http://dl/bin_7.1.0 answered 403 Forbidden", At = 42 };
        using var service = Service(o => o.Hbs.Add(hbs.Address));

        await service.BeatAsync(CancellationToken.None);

        var report = hbs.Reports.Single().Upgrade;
        Assert.That(report, Is.Not.Null);
        Assert.That((report!.Version, report.Result, report.Reason, report.At), Is.EqualTo(("7.1.0", "failed", "download of http://dl/bin_7.1.0 answered 403 Forbidden", 42L)));
    }

    [Test]
    public async Task Beat_WhenTheFirstHbsIsDown_ReportsToTheNext()
    {
        await using var hbs = await RecordingRpcServer.StartAsync();
        using var service = Service(o =>
        {
            o.Hbs.Add(RecordingRpcServer.DeadAddress());
            o.Hbs.Add(hbs.Address);
        });

        await service.BeatAsync(CancellationToken.None);
        await service.BeatAsync(CancellationToken.None);

        Assert.That((hbs.Reports.Count, _upgrade.HeartbeatsSucceeded), Is.EqualTo((2, 2)));
    }

    [Test]
    public async Task Beat_WhenNoHbsAnswers_CountsTheFailure_AndTellsTheUpgradeNothing()
    {
        using var service = Service(o => o.Hbs.Add(RecordingRpcServer.DeadAddress()));

        await service.BeatAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(_upgrade.HeartbeatsSucceeded, Is.Zero);
            Assert.That(_meters.Sum("falcon.agent.heartbeat.failures"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Beat_FetchesBuiltinMetricsWithTheLastChecksum_AndTheTrustedIps()
    {
        await using var hbs = await RecordingRpcServer.StartAsync();
        hbs.BuiltinReply = new BuiltinMetricResponse { Metrics = [new BuiltinMetric("net.port.listen", "port=80")], Checksum = "abc" };
        hbs.TrustableReply = "10.0.0.1,10.0.0.2";
        using var service = Service(o => o.Hbs.Add(hbs.Address));

        await service.BeatAsync(CancellationToken.None);
        // The checksum is current now: hbs answers an empty list, which must not clear the set.
        hbs.BuiltinReply = new BuiltinMetricResponse { Metrics = [], Checksum = "abc" };
        await service.BeatAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(hbs.BuiltinRequests.Select(r => $"{r.Hostname}/{r.Checksum}"), Is.EqualTo(new[] { "web-01/nil", "web-01/abc" }));
            Assert.That(_builtin.Current, Is.EqualTo(new[] { new BuiltinMetric("net.port.listen", "port=80") }));
            Assert.That(_builtin.Checksum, Is.EqualTo("abc"));
            Assert.That(_ips.Current, Is.EqualTo(new[] { "10.0.0.1", "10.0.0.2" }));
        });
    }

    [Test]
    public async Task Start_HeartbeatsAtOnce_ThenEveryInterval()
    {
        await using var hbs = await RecordingRpcServer.StartAsync();
        var time = new FakeTimeProvider();
        var start = time.GetUtcNow();
        using var service = Service(o => o.Hbs.Add(hbs.Address), time);

        await service.StartAsync(CancellationToken.None);
        await Poll.UntilAsync(() => Task.FromResult(hbs.TrustableCalls == 1), what: "the first heartbeat");
        Assert.That(hbs.Reports, Has.Count.EqualTo(1));

        // Second by second, since the timer is armed only once the first heartbeat is done.
        await Poll.UntilAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return Task.FromResult(hbs.TrustableCalls == 2);
        }, what: "the second heartbeat");
        await service.StopAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(hbs.Reports, Has.Count.EqualTo(2));
            Assert.That(time.GetUtcNow() - start, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(60)), "not before the interval");
        });
    }

    [Test]
    public async Task Start_WhileHbsIsNotListeningYet_RetriesWithinSeconds_NotAfterTheWholeInterval()
    {
        var address = RecordingRpcServer.DeadAddress();
        var time = new FakeTimeProvider();
        var start = time.GetUtcNow();
        using var service = Service(o => o.Hbs.Add(address), time);

        await service.StartAsync(CancellationToken.None);
        await Poll.UntilAsync(() => Task.FromResult(_meters.Sum("falcon.agent.heartbeat.failures") >= 1), what: "the first heartbeat failing");
        await using var hbs = await RecordingRpcServer.StartAsync(address); // hbs comes up after the agent's first try
        await Poll.UntilAsync(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            return Task.FromResult(!hbs.Reports.IsEmpty);
        }, what: "a heartbeat once hbs listens");
        var firstAnswered = time.GetUtcNow() - start;
        await service.StopAsync(CancellationToken.None);

        Assert.That(firstAnswered, Is.LessThan(TimeSpan.FromSeconds(10)), "the retry after a failed first heartbeat is quick, not the 60 s interval");
    }

    private HeartbeatService Service(Action<AgentOptions> configure, TimeProvider? time = null)
    {
        var options = AgentTestOptions.Create(configure);
        return new HeartbeatService(
            options, new AgentIdentity(options), _builtin, _ips, new AgentMetrics(_meters), time ?? TimeProvider.System,
            NullLogger<HeartbeatService>.Instance, _upgrade);
    }
}
