using Falcon.Hosting;
using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Routing;
using Falcon.Shared.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Delivery;

/// <summary>Registers the channels, delivery with its retry rounds, and the retrier.</summary>
internal static class DeliveryServiceCollectionExtensions
{
    public static IServiceCollection AddAlarmDelivery(this IServiceCollection services)
    {
        services.AddFalconRedis();
        services.AddOptionsWithValidateOnStart<ImChannelOptions>().BindConfiguration(ImChannelOptions.SectionName);
        services.AddOptionsWithValidateOnStart<PhoneOptions>().BindConfiguration(PhoneOptions.SectionName);
        services.AddOptionsWithValidateOnStart<SmsOptions>().BindConfiguration(SmsOptions.SectionName);
        services.AddOptionsWithValidateOnStart<MailOptions>().BindConfiguration(MailOptions.SectionName);
        services.AddOptionsWithValidateOnStart<QueueOutputOptions>().BindConfiguration(QueueOutputOptions.SectionName);
        services.AddOptionsWithValidateOnStart<DeliveryOptions>().BindConfiguration(DeliveryOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImChannelOptions>, ImChannelOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PhoneOptions>, PhoneOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmsOptions>, SmsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MailOptions>, MailOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>());
        services.AddChannelOptionsSection<ImChannelOptions>("alarm.im");
        services.AddChannelOptionsSection<PhoneOptions>("alarm.phone");
        services.AddChannelOptionsSection<SmsOptions>("alarm.sms");
        services.AddOptionsSection<MailOptions>("alarm.mail");
        services.AddOptionsSection<DeliveryOptions>("alarm.delivery");
        services.AddOptionsSection<QueueOutputOptions>("alarm.queues");

        // Each call applies its channel's timeout itself; HttpClient's own 100 s default must not cut it short.
        // No IHttpClientFactory logging handlers: a log scope and two log checks per message cost more than the
        // loopback call itself under load, and the channels log every try and failure themselves (DeliveryLog).
        services.AddHttpClient(ChannelHttp.ClientName, static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectTimeout = TimeSpan.FromSeconds(5),
            });

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IChannelSender>(static sp => CreateIm(sp));
        services.AddSingleton<IChannelSender>(static sp => CreateHttp(sp, ChannelKind.Phone, sp.GetRequiredService<IOptions<PhoneOptions>>().Value));
        services.AddSingleton<IChannelSender>(static sp => CreateHttp(sp, ChannelKind.Sms, sp.GetRequiredService<IOptions<SmsOptions>>().Value));
        services.AddSingleton<IChannelSender>(static sp => CreateMail(sp));
        services.TryAddSingleton(static sp => new DeliveryKeys(sp.GetRequiredService<IOptions<DeliveryOptions>>().Value.KeyPrefix));
        services.TryAddSingleton<FailureStore>();
        services.TryAddSingleton(static sp => new PendingQueueWrites(sp.GetRequiredService<IOptions<DeliveryOptions>>().Value.PendingCapacity));
        services.TryAddSingleton<DeliveryMetrics>();
        services.TryAddSingleton<DeliverySignal>();
        services.TryAddSingleton<DeliveryIntake>();
        services.TryAddSingleton<FailureQueueWriter>();
        services.TryAddSingleton<DeliveryRounds>();
        services.TryAddSingleton<IAlarmDispatcher>(static sp => sp.GetRequiredService<DeliveryIntake>());
        services.AddHostedService<DeliveryOutboxService>();
        services.AddHostedService<DeliveryRetryService>();
        return services;
    }

    private static HttpClient Client(IServiceProvider sp) => sp.GetRequiredService<IHttpClientFactory>().CreateClient(ChannelHttp.ClientName);

    private static IChannelSender CreateIm(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<ImChannelOptions>>();
        return options.Value.Provider == ImProvider.Queue
            ? Queue(sp, ChannelKind.Im)
            : new ImWebhookSender(Client(sp), options, sp.GetRequiredService<TimeProvider>());
    }

    private static IChannelSender CreateHttp(IServiceProvider sp, ChannelKind channel, HttpProviderOptions options) =>
        options.Provider == HttpProviderKind.Queue ? Queue(sp, channel) : new HttpProviderSender(channel, Client(sp), options);

    private static IChannelSender CreateMail(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<MailOptions>>();
        return options.Value.Provider == MailProviderKind.Queue ? Queue(sp, ChannelKind.Mail) : new SmtpMailSender(options);
    }

    private static OpenFalconQueueSender Queue(IServiceProvider sp, ChannelKind channel)
    {
        var queues = sp.GetRequiredService<IOptions<QueueOutputOptions>>().Value;
        var queue = channel switch
        {
            ChannelKind.Im => queues.Im,
            ChannelKind.Phone => queues.Phone,
            ChannelKind.Sms => queues.Sms,
            _ => queues.Mail,
        };
        return new OpenFalconQueueSender(channel, queue, sp.GetRequiredService<RedisConnection>());
    }
}
