using Falcon.Roles.Hbs.Upgrade;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Roles.Hbs.Upgrade;

public sealed class UpgradeServiceCollectionExtensionsTests
{
    [Test]
    public async Task AddHbsUpgrade_BindsTheHbsUpgradeSection()
    {
        await using var services = Build(new() { ["hbs:upgrade:maxConcurrent"] = "50", ["hbs:upgrade:slotTimeout"] = "00:03:00" });

        var options = services.GetRequiredService<IOptions<HbsUpgradeOptions>>().Value;

        Assert.Multiple(() =>
        {
            Assert.That(options.MaxConcurrent, Is.EqualTo(50));
            Assert.That(options.SlotTimeout, Is.EqualTo(TimeSpan.FromMinutes(3)));
            Assert.That(services.GetRequiredService<UpgradeCoordinator>().Keys.Slots.ToString(), Is.EqualTo("{agent_upgrade}:slots"));
        });
    }

    [Test]
    public async Task AddHbsUpgrade_RejectsABadValueNamingTheKey()
    {
        await using var services = Build(new() { ["hbs:upgrade:maxConcurrent"] = "0" });

        Assert.That(
            () => services.GetRequiredService<IOptions<HbsUpgradeOptions>>().Value,
            Throws.TypeOf<OptionsValidationException>().With.Message.Contains("hbs.upgrade.maxConcurrent must be between 1 and 1000000, got 0"));
    }

    private static ServiceProvider Build(Dictionary<string, string?> values) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build())
            .AddLogging()
            .AddHbsUpgrade()
            .BuildServiceProvider();
}
