using System.Net.Sockets;
using Falcon.Hosting.Configuration;
using Falcon.Shared.Portal;
using Falcon.Shared.Redis;
using Falcon.Shared.Tsdb;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace Falcon.Hosting.Health;

/// <summary>The outside services a role depends on, each with a reachability check on the role's /health.</summary>
[Flags]
internal enum RoleDependencies
{
    None = 0,
    Redis = 1,
    MySql = 2,
    Tsdb = 4,
}

/// <summary>
/// Registers the reachability checks of a role's dependencies (docs/health.md). A check is registered once per
/// process and tagged with every role that uses it, so `--role all` probes Redis once however many roles need it, and
/// each role's /health shows only its own checks.
/// </summary>
internal static class RoleHealthExtensions
{
    public static IHostApplicationBuilder AddRoleHealthChecks(this IHostApplicationBuilder builder, string role, RoleDependencies dependencies)
    {
        if (dependencies.HasFlag(RoleDependencies.Redis))
        {
            Add(builder.Services, "redis", role, static (sp, ct) => PingRedisAsync(sp, ct));
        }

        if (dependencies.HasFlag(RoleDependencies.MySql))
        {
            Add(builder.Services, "mysql", role, static (sp, ct) => PingMySqlAsync(sp, ct));
        }

        if (dependencies.HasFlag(RoleDependencies.Tsdb))
        {
            Add(builder.Services, "tsdb", role, static (sp, ct) => ConnectTsdbAsync(sp, ct));
        }

        return builder;
    }

    private static void Add(IServiceCollection services, string name, string role, Func<IServiceProvider, CancellationToken, Task> probe)
    {
        services.Configure<HealthCheckServiceOptions>(o =>
        {
            if (o.Registrations.FirstOrDefault(r => r.Name == name) is { } existing)
            {
                existing.Tags.Add(role);
                return;
            }

            o.Registrations.Add(new HealthCheckRegistration(
                name,
                sp => Probe(sp, name, probe),
                HealthStatus.Unhealthy,
                [role]));
        });
    }

    // The registration's factory runs on every /health call; the check (and its cache) is made once per name.
    private static IHealthCheck Probe(IServiceProvider scope, string name, Func<IServiceProvider, CancellationToken, Task> probe) =>
        scope.GetRequiredService<ProbeChecks>().GetOrAdd(name, services =>
        {
            var options = services.GetRequiredService<IOptions<HostingOptions>>().Value;
            return new CachedProbeCheck(name, ct => probe(services, ct), options.HealthTimeout, options.HealthCacheFor,
                services.GetRequiredService<TimeProvider>());
        });

    private static async Task PingRedisAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var redis = await services.GetRequiredService<RedisConnection>().GetAsync(cancellationToken);
        await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
    }

    private static async Task PingMySqlAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        // The pool hands out a connection only after resetting it on the server, so this is a real round trip.
        await using var connection = await services.GetRequiredService<FalconDatabases>().Portal.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(cancellationToken);
    }

    // A TCP connect to the write URL's port: generic for any remote-write TSDB, and costs the TSDB nothing.
    private static async Task ConnectTsdbAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var url = new Uri(services.GetRequiredService<IOptions<TsdbOptions>>().Value.WriteUrl);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(url.Host, url.Port, cancellationToken);
    }
}
