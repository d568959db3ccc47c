using Falcon.Roles.Alarm.Consumption;
using Falcon.Roles.Alarm.Records;
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
        services.AddOptionsWithValidateOnStart<ConsumerOptions>().BindConfiguration(ConsumerOptions.SectionName);
        services.AddOptionsWithValidateOnStart<RoutingOptions>().BindConfiguration(RoutingOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConsumerOptions>, ConsumerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConsumerOptions>, ConsumerQueuesValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RoutingOptions>, RoutingOptionsValidator>());
        services.AddHttpClient(CallbackClientName, static client => client.Timeout = Timeout.InfiniteTimeSpan);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EventRecorder>();
        services.TryAddSingleton<RecipientDirectory>();
        services.TryAddSingleton<EventRouter>();
        services.TryAddSingleton(static sp => new CallbackInvoker(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(CallbackClientName),
            sp.GetRequiredService<IOptions<RoutingOptions>>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<CallbackInvoker>>()));
        services.TryAddSingleton<NotificationQueue>();
        services.AddSingleton<IInstanceOwnedLists>(static sp => sp.GetRequiredService<NotificationQueue>());
        services.TryAddSingleton<IEventBatchHandler, AlarmEventHandler>();
        services.TryAddSingleton<EventConsumer>();
        services.TryAddSingleton<LowPriorityCombiner>();
        services.AddSingleton<IHostedService>(static sp => sp.GetRequiredService<EventConsumer>());
        services.AddSingleton<IHostedService>(static sp => sp.GetRequiredService<LowPriorityCombiner>());
        return services;
    }
}
