using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace Falcon.Hosting;

/// <summary>
/// One role's HTTP listener: its own Kestrel on its own port, with /health and /metrics beside the role's routes.
/// Roles get separate listeners (not one shared app) so that `--role all` serves exactly the ports a distributed
/// deployment does, and one role's routes can never answer on another's port.
/// </summary>
internal sealed class RoleHttpServer : IHostedService, IAsyncDisposable
{
    private readonly string _listen;
    private readonly Action<IEndpointRouteBuilder, IServiceProvider> _map;
    private readonly IServiceProvider _root;
    private readonly ILogger _logger;
    private WebApplication? _app;

    public RoleHttpServer(string role, string listen, Action<IEndpointRouteBuilder, IServiceProvider> map, IServiceProvider root)
    {
        Role = role;
        _listen = listen;
        _map = map;
        _root = root;
        _logger = root.GetRequiredService<ILoggerFactory>().CreateLogger($"Falcon.Hosting.Http.{role}");
    }

    public string Role { get; }

    /// <summary>The address actually bound (useful with port 0), set once started.</summary>
    public Uri? BoundAddress { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var endPoint = ListenAddress.Parse(_listen);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "falcon" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o =>
        {
            o.Listen(endPoint);
            o.AddServerHeader = false;
            o.Limits.MaxRequestBodySize = 32 * 1024 * 1024;
        });
        builder.Services.AddRoutingCore();
        // The root container's logging is used as-is; instances handed over like this are not disposed by this app.
        builder.Services.Replace(ServiceDescriptor.Singleton(_root.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddLogging();

        var app = builder.Build();
        app.UseRouting();
        app.MapGet("/health", (Func<HttpContext, Task<IResult>>)HealthAsync);
        app.MapPrometheusScrapingEndpoint("/metrics", _root.GetRequiredService<MeterProvider>(), null, null!);
        _map(app, _root);

        await app.StartAsync(cancellationToken);
        _app = app;
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        BoundAddress = bound is null ? null : new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        Log.HttpListening(_logger, Role, bound ?? _listen);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken);
            Log.HttpStopped(_logger, Role);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            await app.DisposeAsync();
            _app = null;
        }
    }

    // Plain "ok" as open-falcon's /health answers; otherwise 503 with one line per failing check of this role.
    private async Task<IResult> HealthAsync(HttpContext context)
    {
        var service = _root.GetRequiredService<HealthCheckService>();
        var report = await service.CheckHealthAsync(r => r.Tags.Count == 0 || r.Tags.Contains(Role), context.RequestAborted);
        if (report.Status == HealthStatus.Healthy)
        {
            return Results.Text("ok");
        }

        var lines = report.Entries
            .Where(e => e.Value.Status != HealthStatus.Healthy)
            .Select(e => $"{e.Key}: {e.Value.Status}: {e.Value.Description ?? e.Value.Exception?.Message}");
        return Results.Text(string.Join('\n', lines), statusCode: (int)HttpStatusCode.ServiceUnavailable);
    }
}
