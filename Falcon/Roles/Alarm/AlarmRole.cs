using Falcon.Hosting;
using Falcon.Roles.Alarm.Consumption;
using Falcon.Roles.Alarm.Delivery;
using Falcon.Roles.Alarm.DryRun;
using Falcon.Roles.Alarm.Escalation;
using Falcon.Roles.Alarm.Heartbeat;
using Falcon.Roles.Alarm.Routing;
using Falcon.Roles.Alarm.Search;
using Falcon.Roles.Alarm.Silences;
using Falcon.Shared.Portal;
using Falcon.Shared.Redis;
using Falcon.Shared.Reliability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Falcon.Shared.Configuration;
using Falcon.Hosting.Http;
using Falcon.Hosting.Health;

namespace Falcon.Roles.Alarm;

/// <summary>
/// Judge events from Redis to people: consumption that loses nothing, records in the alarms database, routing by
/// action and team, IM/phone/SMS/mail with retry rounds, silences, and the alarm records search.
/// </summary>
internal static class AlarmRole
{
    public const string Name = "alarm";

    public static RoleDescriptor Descriptor { get; } = new(Name, "events from Redis event:pN to people over IM, phone, SMS and mail; retries, silences, alarm records", b => b.AddAlarmRole());

    public static IHostApplicationBuilder AddAlarmRole(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddFalconRedis();
        services.AddFalconMySql();

        services.AddFalconOptions<AlarmOptions, AlarmOptionsValidator>(AlarmOptions.SectionName, static (o, section) => o.BindConfiguration(section));
        // An empty alarm.consumer.instanceId (as in falcon.yaml.example) means the hostname, the default.
        services.PostConfigure<ConsumerOptions>(static o =>
        {
            if (string.IsNullOrWhiteSpace(o.InstanceId))
            {
                o.InstanceId = Environment.MachineName;
            }
        });

        // Delivery first: it registers the dispatcher routing hands messages to, and its outbox and retrier must stop
        // after the consumer (hosted services stop in reverse order).
        services.AddAlarmDelivery();
        services.AddSilences();
        services.AddSingleton<IRouteFilter, SilencedRecipients>();
        services.AddSingleton<IAlarmMessageDecorator, SilenceLinkDecorator>();
        services.AddPipelineWatch(Name);
        services.AddAlarmIntake();
        services.AddAlarmSearch();
        services.AddAlarmDryRun();
        services.AddAlarmEscalation();

        builder.AddRoleHttpListener(Name, sp => sp.GetRequiredService<IOptions<AlarmOptions>>().Value.HttpListen, static (endpoints, root) =>
        {
            endpoints.MapSilenceRoutes(root);
            endpoints.MapAlarmSearchRoutes(root);
            endpoints.MapDryRunRoutes(root);
        });
        builder.AddRoleHealthChecks(Name, RoleDependencies.Redis | RoleDependencies.MySql);
        builder.AddBacklogHealthCheck(Name, "alarm.backlog", "judge events", static sp =>
            (() => sp.GetRequiredService<WorkProgress>().Backlog(EventConsumer.BacklogName), sp.GetRequiredService<IOptions<ConsumerOptions>>().Value.HealthMaxBacklog));
        builder.AddBacklogHealthCheck(Name, "alarm.outbox", "messages before their first send", static sp =>
            (() => sp.GetRequiredService<WorkProgress>().Backlog(DeliveryRetryService.OutboxBacklogName), sp.GetRequiredService<IOptions<DeliveryOptions>>().Value.HealthMaxOutbox));
        builder.AddStallHealthCheck(Name, "alarm.workers", "event workers", EventConsumer.WorkerPrefix);
        builder.AddStallHealthCheck(Name, "alarm.delivery", "delivery loops", "alarm.delivery.");
        builder.AddDeadLetterHealthCheck(Name, "`falcon alarm failed` lists them");
        return builder;
    }
}
