using Falcon.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Falcon.Hosting.Configuration;
using Falcon.Hosting.MemoryTrim;

namespace Falcon.Tests.Hosting.MemoryTrim;

public sealed class StartupMemoryTrimTests
{
    private static readonly ConfigurationSource NoFile = new("does-not-exist.yaml", PathGivenExplicitly: false, []);

    [Test]
    public async Task OnceTheDelayHasPassed_AFullCollectionRuns_AndTheServiceEnds()
    {
        var time = new FakeTimeProvider();
        using var trim = new StartupMemoryTrim(time);
        var before = GC.CollectionCount(GC.MaxGeneration);

        await trim.StartAsync(CancellationToken.None);
        // ExecuteAsync runs on the thread pool: keep moving the clock until its delay is registered and has passed.
        await Poll.UntilAsync(() =>
        {
            time.Advance(StartupMemoryTrim.Delay);
            return Task.FromResult(trim.ExecuteTask!.IsCompleted);
        }, what: "the trim to run");

        Assert.Multiple(() =>
        {
            Assert.That(trim.ExecuteTask!.IsCompletedSuccessfully, Is.True);
            Assert.That(GC.CollectionCount(GC.MaxGeneration), Is.GreaterThan(before));
        });
    }

    [Test]
    public async Task StoppedBeforeTheDelay_EndsAtOnce()
    {
        using var trim = new StartupMemoryTrim(new FakeTimeProvider());

        await trim.StartAsync(CancellationToken.None);
        await trim.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(trim.ExecuteTask!.IsCompleted, Is.True);
    }

    [Test]
    public void OnlyAProcessOfLightweightRoles_TrimsAfterStartUp()
    {
        using var light = FalconHost.CreateBuilder(NoFile, [TestRole.LightweightDescriptor("127.0.0.1:0")]).Build();
        using var mixed = FalconHost.CreateBuilder(NoFile, [TestRole.Descriptor("127.0.0.1:0"), TestRole.LightweightDescriptor("127.0.0.1:0")]).Build();

        Assert.Multiple(() =>
        {
            Assert.That(light.Services.GetServices<IHostedService>().OfType<StartupMemoryTrim>().Count(), Is.EqualTo(1));
            Assert.That(mixed.Services.GetServices<IHostedService>().OfType<StartupMemoryTrim>(), Is.Empty);
        });
    }
}
