using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Falcon.Shared.Configuration;
using Falcon.Hosting.Configuration;
using Falcon.Hosting.Limits;
using Falcon.Hosting.Health;
using Falcon.Hosting.Telemetry;
using Falcon.Hosting.MemoryTrim;

namespace Falcon.Hosting;

/// <summary>Builds the process for a set of roles: configuration, logging, telemetry, health, then each role.</summary>
internal static class FalconHost
{
    public static HostApplicationBuilder CreateBuilder(ConfigurationSource source, IReadOnlyList<RoleDescriptor> roles)
    {
        var configuration = new ConfigurationManager();
        try
        {
            configuration.AddFalconSources(source);
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or YamlDotNet.Core.YamlException)
        {
            throw new ConfigurationException([$"config: '{source.Path}' is not valid YAML: {FalconConfiguration.OneLine(e)}"]);
        }

        // The empty builder, not CreateApplicationBuilder with DisableDefaults: same services, but the defaults' code
        // (Windows event log, debug and EventSource loggers) is then not even compiled into the NativeAOT binary.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "falcon",
            Configuration = configuration,
        });

        // Defaults before the configuration, so a `logging:` section still overrides them: connection-pool chatter
        // and each role listener's own "Application started" lines say nothing Falcon's start-up line does not.
        builder.Logging.AddFilter("MySqlConnector", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("logging"));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
            o.UseUtcTimestamp = false;
        });

        builder.Services.AddFalconOptions<HostingOptions, HostingOptionsValidator>(HostingOptions.SectionName, static (o, section) => o.BindConfiguration(section));
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<HostingOptions>>((host, falcon) =>
        {
            // Stop roles in parallel so one slow drain does not eat the others' share of the deadline.
            host.ServicesStopConcurrently = true;
            // A last line of defence: every loop already retries what is not its own shutdown, but one that still
            // escaped would otherwise stop the whole process, and with it every other role it runs (hbs, judge,
            // transfer and alarm share one process under --role all). A dead loop is logged by the host; the others
            // keep serving.
            host.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore;
            try
            {
                host.ShutdownTimeout = falcon.Value.ShutdownTimeout;
            }
            catch (Exception e) when (ConfigurationProblems.TryExtract(e, out _))
            {
                // The lifetime reads this while the host is built, before validation runs; keep the default here
                // and let ValidateOnStart report the bad value with every other problem.
            }
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks();
        builder.Services.AddSingleton<ListenerLimits>();
        builder.Services.AddSingleton<ProbeChecks>();

        var instance = builder.Configuration[$"{HostingOptions.SectionName}:instance"] ?? Environment.MachineName;
        var lightweight = roles.Count > 0 && roles.All(r => r.Lightweight);
        builder.Services.AddSingleton(new HostFootprint(lightweight) { ServerRoles = [.. roles.Where(r => !r.Lightweight).Select(r => r.Name)] });
        if (lightweight)
        {
            builder.Services.AddHostedService<StartupMemoryTrim>();
        }

        builder.AddFalconTelemetry(instance, lightweight ? TelemetryExtensions.SmallCardinalityLimit : null);

        foreach (var role in roles)
        {
            role.Register(builder);
        }

        return builder;
    }

    /// <summary>Runs until SIGTERM or Ctrl-C; returns the process exit code.</summary>
    public static async Task<int> RunAsync(ConfigurationSource source, IReadOnlyList<RoleDescriptor> roles, TextWriter error, CancellationToken cancellationToken)
    {
        IHost host;
        try
        {
            host = CreateBuilder(source, roles).Build();
        }
        catch (ConfigurationException e)
        {
            WriteProblems(error, e.Problems);
            return 1;
        }

        await using (host as IAsyncDisposable ?? throw new InvalidOperationException("host is not disposable"))
        {
            try
            {
                var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Falcon");
                var options = host.Services.GetRequiredService<IOptions<HostingOptions>>().Value;
                Log.Starting(logger, FalconVersion.Current, string.Join(",", roles.Select(r => r.Name)), options.Instance);
                var limits = host.Services.GetRequiredService<ListenerLimits>();
                Log.ListenerLimits(logger, limits.Descriptors.Soft, limits.Descriptors.Hard, limits.Descriptors.Known ? "/proc/self/limits" : "assumed",
                    limits.MaxConnections, limits.Listeners, limits.Derived ? $"derived, {limits.Reserve} descriptors reserved" : "host.maxConnections");
                host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(
                    () => Log.Stopping(logger, options.ShutdownTimeout));
                await host.StartAsync(cancellationToken);
            }
            catch (Exception e) when (ConfigurationProblems.TryExtract(e, out var problems))
            {
                WriteProblems(error, problems);
                return 1;
            }

            await host.WaitForShutdownAsync(cancellationToken);
            return 0;
        }
    }

    public static void WriteProblems(TextWriter error, IEnumerable<string> problems)
    {
        foreach (var line in problems)
        {
            error.WriteLine(line);
        }
    }
}
