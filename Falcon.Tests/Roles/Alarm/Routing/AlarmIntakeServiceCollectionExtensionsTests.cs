using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Consumption;
using Falcon.Roles.Alarm.Routing;
using Falcon.Shared.Portal;
using Falcon.Shared.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Roles.Alarm.Routing;

public sealed class AlarmIntakeServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(static s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton(Options.Create(new RedisOptions()));
        services.AddSingleton<RedisConnection>();
        services.AddSingleton(Options.Create(new MySqlOptions()));
        services.AddSingleton<FalconDatabases>();
        services.AddSingleton<IAlarmDispatcher, NullDispatcher>();
        services.AddAlarmIntake();
        return services.BuildServiceProvider();
    }

    [Test]
    public async Task AddAlarmIntake_ResolvesTheConsumerAndTheCombinerAsHostedServicesWithConfiguredOptions()
    {
        await using var provider = Build(("alarm:consumer:instanceId", "alarm-7"), ("alarm:consumer:highQueues:0", "event:p0"), ("alarm:routing:phonePriorities:0", "9"));

        var hosted = provider.GetServices<IHostedService>().ToList();
        var consumer = provider.GetRequiredService<EventConsumer>();

        Assert.Multiple(() =>
        {
            Assert.That(hosted, Has.Some.SameAs(consumer));
            Assert.That(hosted, Has.Some.InstanceOf<LowPriorityCombiner>());
            Assert.That(consumer.InstanceId, Is.EqualTo("alarm-7"));
            Assert.That(provider.GetRequiredService<IOptions<ConsumerOptions>>().Value.HighQueues, Is.EqualTo(new[] { "event:p0" }));
            Assert.That(provider.GetRequiredService<IOptions<RoutingOptions>>().Value.PhonePriorities, Is.EqualTo(new[] { 9 }));
            Assert.That(provider.GetServices<IInstanceOwnedLists>().Single(), Is.SameAs(provider.GetRequiredService<NotificationQueue>()));
        });
    }

    [TestCase("alarm:consumer:batchSize", "0", "alarm.consumer.batchSize")]
    [TestCase("alarm:consumer:lowQueues:0", "event:p0", "listed twice")]
    [TestCase("alarm:consumer:heartbeatTimeout", "00:00:06", "more than twice")]
    [TestCase("alarm:consumer:instanceId", "a{b}", "must not contain")]
    [TestCase("alarm:routing:combineWindow", "00:00:00", "alarm.routing.combineWindow")]
    public async Task AddAlarmIntake_ABadSetting_FailsNamingTheKey(string key, string value, string expected)
    {
        await using var provider = Build((key, value));

        Assert.That(() => provider.GetRequiredService<IOptions<ConsumerOptions>>().Value.ToString() + provider.GetRequiredService<IOptions<RoutingOptions>>().Value,
            Throws.InstanceOf<OptionsValidationException>().With.Message.Contains(expected));
    }

    private sealed class NullDispatcher : IAlarmDispatcher
    {
        public Task DispatchAsync(AlarmMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
