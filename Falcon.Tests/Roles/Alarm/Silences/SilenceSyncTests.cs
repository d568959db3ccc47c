using Falcon.Roles.Alarm.Silences;
using Falcon.Shared.Redis;
using Falcon.Shared.Silences;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Roles.Alarm.Silences;

public sealed class SilenceSyncTests
{
    [Test]
    public async Task WithRedisDown_TheLoopKeepsRunning_AndCountsFailedReloads()
    {
        using var meters = new TestMeterFactory();
        await using var redis = new RedisConnection(Options.Create(new RedisOptions { Connection = "127.0.0.1:1,connectTimeout=100,asyncTimeout=300,syncTimeout=300" }), NullLogger<RedisConnection>.Instance);
        var time = new FakeTimeProvider();
        var store = new SilenceStore(redis, new SilenceKeys("t"), time);
        var options = Options.Create(new SilenceOptions { ReloadInterval = TimeSpan.FromSeconds(5) });
        using var sync = new SilenceSync(store, options, time, new SilenceMetrics(meters, store, time), NullLogger<SilenceSync>.Instance);

        await sync.StartAsync(CancellationToken.None);
        await sync.FirstReload.WaitAsync(TimeSpan.FromSeconds(20));
        var afterFirst = meters.Sum("falcon.alarm.silences.reload_errors");
        time.Advance(TimeSpan.FromSeconds(5));
        await Poll.UntilAsync(() => Task.FromResult(meters.Sum("falcon.alarm.silences.reload_errors") > afterFirst), what: "a second reload attempt after the interval");

        Assert.Multiple(() =>
        {
            Assert.That(afterFirst, Is.EqualTo(1));
            Assert.That(sync.ExecuteTask!.IsCompleted, Is.False, "the loop survives Redis being down");
        });
        await sync.StopAsync(CancellationToken.None);
        Assert.That(sync.ExecuteTask!.IsCompleted && !sync.ExecuteTask.IsFaulted, Is.True, "stopping ends the loop without an error");
    }
}
