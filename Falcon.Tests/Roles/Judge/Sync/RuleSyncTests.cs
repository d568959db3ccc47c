using System.Net;
using System.Net.Sockets;
using Falcon.Roles.Judge;
using Falcon.Roles.Judge.Matching;
using Falcon.Roles.Judge.Sync;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Roles.Judge.Sync;

public sealed class RuleSyncTests
{
    [Test]
    public async Task SyncOnce_WithNoHbsReachable_ReportsFailureAndKeepsTheEmptyRules()
    {
        using var meters = new TestMeterFactory();
        await using var sync = new RuleSync(
            Options.Create(new JudgeOptions { Hbs = [$"127.0.0.1:{ClosedPort()}"] }),
            TimeProvider.System,
            NullLogger<RuleSync>.Instance,
            meters);

        var synced = await sync.SyncOnceAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(synced, Is.False);
            Assert.That(sync.Current, Is.SameAs(JudgeRules.Empty));
            Assert.That(sync.LastSuccess, Is.Null);
            Assert.That(sync.WaitForFirstSyncAsync(CancellationToken.None).IsCompleted, Is.False);
            Assert.That(meters.Sum("falcon.judge.sync.failures"), Is.EqualTo(1));
        });
    }

    [Test]
    public void SyncOnce_WhenCancelled_Throws()
    {
        using var meters = new TestMeterFactory();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var sync = new RuleSync(
            Options.Create(new JudgeOptions { Hbs = [$"127.0.0.1:{ClosedPort()}"] }),
            TimeProvider.System,
            NullLogger<RuleSync>.Instance,
            meters);

        Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => sync.SyncOnceAsync(cancelled.Token));
        sync.Dispose();
    }

    [Test]
    public async Task Running_SyncsAtStartAndThenEveryInterval()
    {
        using var meters = new TestMeterFactory();
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        await using var sync = new RuleSync(
            Options.Create(new JudgeOptions { Hbs = [$"127.0.0.1:{ClosedPort()}"] }),
            time,
            NullLogger<RuleSync>.Instance,
            meters);

        await sync.StartAsync(CancellationToken.None);
        await Poll.UntilAsync(() => Task.FromResult(meters.Sum("falcon.judge.sync.failures") == 1), what: "the sync at start");
        time.Advance(TimeSpan.FromSeconds(60));
        await Poll.UntilAsync(() => Task.FromResult(meters.Sum("falcon.judge.sync.failures") == 2), what: "the sync one interval later");
        await sync.StopAsync(CancellationToken.None);

        Assert.That(sync.Current, Is.SameAs(JudgeRules.Empty));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
