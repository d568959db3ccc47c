using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Routing;
using Falcon.Shared.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Falcon.Shared.Configuration;

namespace Falcon.Roles.Alarm.Delivery;

/// <summary>Registers the channels, delivery with its retry rounds, and the retrier.</summary>
internal static class DeliveryServiceCollectionExtensions
{
    public static IServiceCollection AddAlarmDelivery(this IServiceCollection services)
    {
        services.AddFalconRedis();
        services.AddFalconOptions<ImChannelOptions, ImChannelOptionsValidator>(ImChannelOptions.SectionName, static (o, section) => o.BindConfiguration(section), ChannelOptionsDisplay.Describe);
        services.AddFalconOptions<PhoneOptions, PhoneOptionsValidator>(PhoneOptions.SectionName, static (o, section) => o.BindConfiguration(section), ChannelOptionsDisplay.Describe);
        services.AddFalconOptions<SmsOptions, SmsOptionsValidator>(SmsOptions.SectionName, static (o, section) => o.BindConfiguration(section), ChannelOptionsDisplay.Describe);
        services.AddFalconOptions<MailOptions, MailOptionsValidator>(MailOptions.SectionName, static (o, section) => o.BindConfiguration(section));
        services.AddFalconOptions<QueueOutputOptions>(QueueOutputOptions.SectionName, static (o, section) => o.BindConfiguration(section));
        services.AddFalconOptions<DeliveryOptions, DeliveryOptionsValidator>(DeliveryOptions.SectionName, static (o, section) => o.BindConfiguration(section));

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
