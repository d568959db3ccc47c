using Falcon.Roles.Alarm.Consumption;
using Falcon.Roles.Alarm.Records;
using Falcon.Roles.Alarm.Retention;
using Falcon.Shared.Configuration;
using Falcon.Shared.Reliability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Routing;

/// <summary>Registers event consumption, alarm records, routing and the low-priority combiner.</summary>
internal static class AlarmIntakeServiceCollectionExtensions
{
    /// <summary>The named HttpClient action callbacks use (its timeout is applied per call).</summary>
    public const string CallbackClientName = "falcon-alarm-callback";

    /// <summary>
    /// Needs, registered by the caller: RedisConnection, FalconDatabases, IAlarmDispatcher (delivery) and optionally
    /// IAlarmMessageDecorator (silence links).
    /// </summary>
    public static IServiceCollection AddAlarmIntake(this IServiceCollection services)
    {
        services.AddFalconOptions<ConsumerOptions, ConsumerOptionsValidator>(ConsumerOptions.SectionName, static (o, section) => o.BindConfiguration(section));
        services.AddFalconOptions<RoutingOptions, RoutingOptionsValidator>(RoutingOptions.SectionName, static (o, section) => o.BindConfiguration(section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConsumerOptions>, ConsumerQueuesValidator>());
        services.AddHttpClient(CallbackClientName, static client => client.Timeout = Timeout.InfiniteTimeSpan);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EventRecorder>();
        services.TryAddSingleton<RecipientDirectory>();
        services.TryAddSingleton<EventRouter>();
        services.TryAddSingleton<EventRouting>();
        services.TryAddSingleton(static sp => new CallbackInvoker(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(CallbackClientName),
            sp.GetRequiredService<IOptions<RoutingOptions>>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<CallbackInvoker>>()));
        services.TryAddSingleton<NotificationQueue>();
        services.AddSingleton<IInstanceOwnedLists>(static sp => sp.GetRequiredService<NotificationQueue>());
        services.TryAddSingleton<IEventBatchHandler, AlarmEventHandler>();
        services.TryAddSingleton<DeadLetterTally>();
        services.TryAddSingleton<EventConsumer>();
        services.TryAddSingleton<LowPriorityCombiner>();
        services.AddFalconOptions<RetentionOptions, RetentionOptionsValidator>(RetentionOptions.SectionName, static (o, section) => o.BindConfiguration(section));
        services.TryAddSingleton<RetentionService>();
        services.AddSingleton<IHostedService>(static sp => sp.GetRequiredService<RetentionService>());
        services.AddSingleton<IHostedService>(static sp => sp.GetRequiredService<EventConsumer>());
        services.AddSingleton<IHostedService>(static sp => sp.GetRequiredService<LowPriorityCombiner>());
        services.AddHostedService<RecipientChangeSignal>();
        return services;
    }
}
