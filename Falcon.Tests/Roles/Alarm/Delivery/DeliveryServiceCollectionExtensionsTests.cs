using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Delivery;
using Falcon.Roles.Alarm.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Roles.Alarm.Delivery;

public sealed class DeliveryServiceCollectionExtensionsTests
{
    [Test]
    public async Task AddAlarmDelivery_BuildsEachChannelFromItsSection()
    {
        await using var provider = Build(new Dictionary<string, string?>
        {
            ["alarm:im:provider"] = "dingtalk",
            ["alarm:im:primary"] = "https://oapi.dingtalk.com/robot/send?access_token=x",
            ["alarm:sms:provider"] = "queue",
            ["alarm:phone:primary"] = "http://phone.local/call",
            ["alarm:phone:format"] = "json",
            ["alarm:mail:host"] = "smtp.local",
            ["alarm:delivery:retryDelay"] = "00:01:00",
        });

        var senders = provider.GetServices<IChannelSender>().ToDictionary(s => s.Channel);

        Assert.Multiple(() =>
        {
            Assert.That(senders[ChannelKind.Im], Is.TypeOf<ImWebhookSender>());
            Assert.That(senders[ChannelKind.Im].IsConfigured, Is.True);
            Assert.That(senders[ChannelKind.Sms], Is.TypeOf<OpenFalconQueueSender>());
            Assert.That(senders[ChannelKind.Phone], Is.TypeOf<HttpProviderSender>());
            Assert.That(senders[ChannelKind.Mail], Is.TypeOf<SmtpMailSender>());
            Assert.That(provider.GetRequiredService<IOptions<DeliveryOptions>>().Value.RetryDelay, Is.EqualTo(TimeSpan.FromMinutes(1)));
            Assert.That(provider.GetRequiredService<IAlarmDispatcher>(), Is.SameAs(provider.GetRequiredService<DeliveryIntake>()));
            Assert.That(provider.GetServices<IHostedService>().Select(s => s.GetType()), Is.EquivalentTo(new[] { typeof(DeliveryOutboxService), typeof(DeliveryRetryService) }));
        });
    }

    [Test]
    public async Task AddAlarmDelivery_ABadValue_FailsWithItsKey()
    {
        await using var provider = Build(new Dictionary<string, string?> { ["alarm:delivery:rounds"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<DeliveryOptions>>().Value);

        Assert.That(error!.Message, Does.Contain("alarm.delivery.rounds must be between 1 and 20"));
    }

    [Test]
    public async Task AddAlarmDelivery_AKeyPrefixWithBraces_IsRefused()
    {
        await using var provider = Build(new Dictionary<string, string?> { ["alarm:delivery:keyPrefix"] = "{alarm}" });

        var error = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<DeliveryOptions>>().Value);

        Assert.That(error!.Message, Does.Contain("alarm.delivery.keyPrefix must be non-empty and without braces"));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) => new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
        .AddLogging()
        .AddMetrics()
        .AddAlarmDelivery()
        .BuildServiceProvider();
}
