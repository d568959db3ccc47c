using Falcon.Roles.Hbs.Cache;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Roles.Hbs.Cache;

public sealed class HbsCacheServiceCollectionExtensionsTests
{
    [Test]
    public async Task AddHbsSnapshotCache_RegistersOneCacheThatIsAlsoTheHostedService_WithItsSectionBound()
    {
        // The Redis connection is only IAsyncDisposable, as in the host.
        await using var provider = Build(new() { ["hbs:cache:refreshInterval"] = "00:00:30", ["hbs:cache:keyPrefix"] = "dc1:cache" });

        var cache = provider.GetRequiredService<SnapshotCache>();
        var options = provider.GetRequiredService<IOptions<HbsCacheOptions>>().Value;

        Assert.Multiple(() =>
        {
            Assert.That(provider.GetServices<IHostedService>().OfType<SnapshotCache>().Single(), Is.SameAs(cache));
            Assert.That(options.RefreshInterval, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(cache.Keys.Lock, Is.EqualTo("{dc1:cache}:lock"));
        });
    }

    [Test]
    public async Task AddHbsSnapshotCache_WithAnInvalidSetting_FailsWithTheKeyNamed()
    {
        await using var provider = Build(new() { ["hbs:cache:lockTtl"] = "00:00:01" });

        Assert.That(
            () => provider.GetRequiredService<IOptions<HbsCacheOptions>>().Value,
            Throws.InstanceOf<OptionsValidationException>().With.Message.Contains("hbs.cache.pollInterval"));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddHbsSnapshotCache<EmptySource>();
        return services.BuildServiceProvider();
    }

    private sealed class EmptySource : ISnapshotSource
    {
        public Task<byte[]> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(Array.Empty<byte>());
    }
}
