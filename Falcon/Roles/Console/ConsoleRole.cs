using Falcon.Hosting;
using Falcon.Hosting.Configuration;
using Falcon.Hosting.Http;
using Falcon.Roles.Console.Api;
using Falcon.Roles.Console.Auth;
using Falcon.Roles.Console.Config;
using Falcon.Roles.Console.Config.Groups;
using Falcon.Roles.Console.Config.Rules;
using Falcon.Roles.Console.Web;
using Falcon.Shared.Configuration;
using Falcon.Shared.Datacenters;
using Falcon.Shared.Portal;
using Falcon.Shared.Portal.Audit;
using Falcon.Shared.Redis;
using Falcon.Shared.Tsdb;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Console;

/// <summary>
/// The operators' web page: sign-in with uic users, my teams' alarms (acknowledge, silence), silences, agents, agent
/// upgrades and host charts. It talks to the alarm role and hbs over their HTTP APIs, to uic and alarms in MySQL, and
/// to the TSDB; it holds no state of its own beyond Redis-shared secrets.
/// </summary>
internal static class ConsoleRole
{
    public const string Name = "console";

    public static RoleDescriptor Descriptor { get; } = new(Name, "the operators' web page (default :8081): my teams' alarms, silences, agents, upgrades, host charts", b => b.AddConsoleRole());

    public static IHostApplicationBuilder AddConsoleRole(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddFalconRedis();
        services.AddFalconMySql();
        services.AddFalconTsdb();
        services.TryAddSingleton(TimeProvider.System);

        services.AddFalconOptions<ConsoleOptions, ConsoleOptionsValidator>(ConsoleOptions.SectionName, static (o, section) => o.BindConfiguration(section));

        services.AddHttpClient(Upstream.HttpClientName, static client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton(sp => new Upstream(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(Upstream.HttpClientName),
            sp.GetRequiredService<IOptions<ConsoleOptions>>(),
            sp.GetRequiredService<IOptions<HostingOptions>>(),
            Logger(sp)));
        services.AddSingleton<ConsoleMetrics>();
        services.AddSingleton<ConsoleAssets>();
        services.AddSingleton<ConsoleSecrets>();
        services.AddSingleton<UicSessions>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<TrustedProxies>();
        services.AddSingleton<ConfigChangeSignal>();
        services.AddSingleton<ConfigSaver>();
        services.AddConsoleRules();
        services.AddSingleton<ConsoleAuth>();
        services.AddSingleton<AckStore>();
        services.AddSingleton(sp => new AuthEndpoints(
            sp.GetRequiredService<UicSessions>(), sp.GetRequiredService<ConsoleAuth>(), sp.GetRequiredService<SignInThrottle>(),
            sp.GetRequiredService<LdapSignIn>(), sp.GetRequiredService<Config.People.ActionAudit>(), sp.GetRequiredService<IOptions<ConsoleOptions>>(), SilenceDurations(sp.GetRequiredService<IConfiguration>()),
            sp.GetRequiredService<ConsoleMetrics>(), Logger(sp)));
        services.AddSingleton(sp => new AlarmEndpoints(sp.GetRequiredService<Upstream>(), sp.GetRequiredService<AckStore>(), sp.GetRequiredService<Config.People.ActionAudit>(), sp.GetRequiredService<ConsoleMetrics>(), Logger(sp)));
        services.AddSingleton(sp => new SilenceEndpoints(sp.GetRequiredService<Upstream>(), sp.GetRequiredService<UicSessions>(), sp.GetRequiredService<Config.People.ActionAudit>(), sp.GetRequiredService<ConsoleMetrics>(), Logger(sp)));
        // With `datacenters` configured, the agents page names each host's datacenter from the same endpoint →
        // datacenter map apiproxy routes by (one map per process, shared when apiproxy runs here too).
        var datacenters = builder.Configuration.GetSection(DatacentersOptions.SectionName).GetChildren().Any();
        if (datacenters)
        {
            services.AddFalconDatacenters();
        }

        services.AddSingleton(sp => new AgentEndpoints(
            sp.GetRequiredService<Upstream>(), sp.GetRequiredService<FalconDatabases>(), datacenters ? sp.GetRequiredService<DatacenterMap>() : null,
            sp.GetRequiredService<IOptions<ConsoleOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new TestFireEndpoints(sp.GetRequiredService<Upstream>(), Logger(sp)));
        services.AddSingleton(sp => new UpgradeEndpoints(sp.GetRequiredService<Upstream>(), sp.GetRequiredService<Config.People.ActionAudit>(), sp.GetRequiredService<ConsoleMetrics>(), Logger(sp)));
        services.AddHttpClient(SeriesSource.HttpClientName, static client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<SeriesSource>();
        services.AddSingleton<SeriesEndpoints>();
        services.AddConsoleGroups();

        Config.People.PeopleServiceCollectionExtensions.AddConsolePeople(services);

        builder.AddRoleHttpListener(Name, sp => sp.GetRequiredService<IOptions<ConsoleOptions>>().Value.HttpListen, static (endpoints, root) =>
        {
            if (root.GetRequiredService<ConsoleAssets>().Count == 0)
            {
                Log.NoFrontEnd(Logger(root));
            }

            ConsoleRoutes.Map(endpoints, root);
        });
        return builder;
    }

    // The durations the alarm role offers in its messages (alarm.silences.durations), read from the same configuration
    // so the page offers the same; the console does not need the alarm role in its process for this.
    private static string[] SilenceDurations(IConfiguration configuration)
    {
        var configured = configuration["alarm:silences:durations"];
        var text = string.IsNullOrWhiteSpace(configured) ? "1h,4h,24h" : configured;
        return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static ILogger Logger(IServiceProvider sp) => sp.GetRequiredService<ILoggerFactory>().CreateLogger("Falcon.Console");
}
