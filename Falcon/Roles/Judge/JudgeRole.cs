using Falcon.Hosting;
using Falcon.Roles.Judge.Evaluation;
using Falcon.Roles.Judge.Events;
using Falcon.Roles.Judge.Judging;
using Falcon.Roles.Judge.Heartbeat;
using Falcon.Roles.Judge.Matching;
using Falcon.Roles.Judge.Nodata;
using Falcon.Roles.Judge.Rpc;
using Falcon.Roles.Judge.Sync;
using Falcon.Shared.Judging;
using Falcon.Shared.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Falcon.Shared.Configuration;
using Falcon.Hosting.Http;
using Falcon.Hosting.Health;

namespace Falcon.Roles.Judge;

/// <summary>open-falcon alert strategies and expressions: points in from transfer, events out to Redis `event:pN`.</summary>
internal static class JudgeRole
{
    public const string Name = "judge";

    public static RoleDescriptor Descriptor { get; } = new(Name, "alert strategies and expressions on incoming points, events to Redis event:pN", b => b.AddJudgeRole());

    public static IHostApplicationBuilder AddJudgeRole(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddFalconRedis();

        services.AddFalconOptions<JudgeOptions, JudgeOptionsValidator>(JudgeOptions.SectionName, static (o, section) => o.BindConfiguration(section));

        services.AddSingleton<JudgeMetrics>();
        services.AddSingleton<RuleSync>();
        services.AddSingleton<IJudgeRulesSource>(sp => sp.GetRequiredService<RuleSync>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<RuleSync>());
        services.AddHostedService<RuleSyncSignal>();
        services.AddSingleton(sp => new EventStateMachine(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<LastEventStore>();
        services.AddSingleton<EventPublisher>();

        // Hosted services stop in reverse order: the listener closes, then the lanes drain into the outbox, then the
        // outbox flushes to Redis.
        services.AddSingleton<EventOutbox>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<EventOutbox>());
        services.AddSingleton<JudgeEngine>();
        services.AddSingleton<JudgeLanes>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<JudgeLanes>());
        services.AddSingleton<IJudgeFeed>(sp => sp.GetRequiredService<JudgeLanes>());

        builder.AddJudgeNodata();
        builder.AddJudgeHeartbeat();

        services.AddSingleton<JudgeRpcHandlers>();
        builder.AddRoleRpcListener(Name, sp => sp.GetRequiredService<IOptions<JudgeOptions>>().Value.RpcListen, RuleSyncMetrics.MeterName, JudgeRpcMethods.Register);
        builder.AddRoleHttpListener(Name, sp => sp.GetRequiredService<IOptions<JudgeOptions>>().Value.HttpListen, static (_, _) => { });
        // No MySQL check though nodata reads mockcfg there: judging never waits for MySQL, and nodata keeps the rows it
        // read last (a failed read is logged and counted in falcon.judge.nodata.sync_failures).
        builder.AddRoleHealthChecks(Name, RoleDependencies.Redis);
        builder.AddDeadLetterHealthCheck(Name, "the judge log (event 4032) names each dropped event");
        return builder;
    }
}
