using Falcon.Shared.Tsdb;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Shared.Tsdb;

public sealed class TsdbOptionsTests
{
    [Test]
    public void Defaults_PointAtALocalVictoriaMetrics_AndAreValid()
    {
        var options = new TsdbOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.WriteUrl, Is.EqualTo("http://127.0.0.1:8428/api/v1/write"));
            Assert.That(options.QueryUrl, Is.EqualTo("http://127.0.0.1:8428"));
            Assert.That(options.Timeout, Is.EqualTo(TimeSpan.FromSeconds(10)));
            Assert.That(new TsdbOptionsValidator().Validate(null, options).Succeeded, Is.True);
        });
    }

    [TestCase("WriteUrl", "not a url", "tsdb.writeUrl")]
    [TestCase("WriteUrl", "ftp://x/y", "tsdb.writeUrl")]
    [TestCase("QueryUrl", "", "tsdb.queryUrl")]
    [TestCase("Timeout", "00:00:00", "tsdb.timeout")]
    [TestCase("Timeout", "01:00:00", "tsdb.timeout")]
    public void BadValue_FailsStartUpWithAMessageNamingTheKey(string property, string value, string key)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection([new($"tsdb:{property}", value)])
            .Build());
        services.AddLogging();
        services.AddFalconTsdb();
        using var provider = services.BuildServiceProvider();

        Assert.That(
            () => provider.GetRequiredService<IOptions<TsdbOptions>>().Value,
            Throws.TypeOf<OptionsValidationException>().With.Message.Contains(key));
    }

    [Test]
    public void AddFalconTsdb_IsIdempotent_AndResolvesBothClients()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddFalconTsdb();
        int count = services.Count;
        services.AddFalconTsdb();
        using var provider = services.BuildServiceProvider();
        var first = provider.GetRequiredService<RemoteWriteClient>();
        var second = provider.GetRequiredService<RemoteWriteClient>();

        Assert.Multiple(() =>
        {
            Assert.That(services, Has.Count.EqualTo(count));
            Assert.That(second, Is.SameAs(first));
            Assert.That(provider.GetRequiredService<PrometheusQueryClient>(), Is.Not.Null);
        });
    }
}
