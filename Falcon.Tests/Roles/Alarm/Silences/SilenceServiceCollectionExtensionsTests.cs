using Falcon.Roles.Alarm.Silences;
using Falcon.Shared.Silences;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Roles.Alarm.Silences;

public sealed class SilenceServiceCollectionExtensionsTests
{
    [Test]
    public async Task AddSilences_BindsAlarmSilences_AndRegistersEachServiceOnce()
    {
        await using var services = Build(new() { ["alarm:silences:keyPrefix"] = "custom", ["alarm:silences:durations"] = "15m,2h" });

        var options = services.GetRequiredService<IOptions<SilenceOptions>>().Value;

        Assert.Multiple(() =>
        {
            Assert.That(options.KeyPrefix, Is.EqualTo("custom"));
            Assert.That(options.OfferedDurations(), Is.EqualTo(new[] { TimeSpan.FromMinutes(15), TimeSpan.FromHours(2) }));
            Assert.That(services.GetRequiredService<SilenceStore>(), Is.Not.Null);
            Assert.That(services.GetRequiredService<SilenceLinks>(), Is.Not.Null);
            Assert.That(services.GetServices<IHostedService>().OfType<SilenceSync>().Count(), Is.EqualTo(1), "AddSilences called twice still runs one sync loop");
            Assert.That(services.GetServices<IHostedService>().Single(), Is.SameAs(services.GetRequiredService<SilenceSync>()));
        });
    }

    [Test]
    public async Task AddSilences_OfLinksWithoutASecret_FailsValidation_NamingTheKey()
    {
        await using var services = Build(new() { ["alarm:silences:linkBaseUrl"] = "https://alarm.example.com" });

        Assert.That(
            () => services.GetRequiredService<IOptions<SilenceOptions>>().Value,
            Throws.InstanceOf<OptionsValidationException>().With.Message.Contains("alarm.silences.linkSecret"));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddSilences();
        services.AddSilences();
        return services.BuildServiceProvider();
    }
}
