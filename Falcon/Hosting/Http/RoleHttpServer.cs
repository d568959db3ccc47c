using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using Falcon.Shared.Configuration;
using Falcon.Hosting.Configuration;
using Falcon.Hosting.Limits;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Falcon.Hosting.Http;

/// <summary>
/// One role's HTTP listener: its own Kestrel on its own port, with /health and /metrics beside the role's routes.
/// Roles get separate listeners (not one shared app) so that `--role all` serves exactly the ports a distributed
/// deployment does, and one role's routes can never answer on another's port.
/// </summary>
internal sealed class RoleHttpServer : IHostedService, IAsyncDisposable
{
    private const long MaxRequestBodySize = 32 * 1024 * 1024;
    private const long MaxRequestBufferBytes = 128 * 1024;

    private readonly string _listen;
    private readonly Action<IEndpointRouteBuilder, IServiceProvider>? _map;
    private readonly Func<IServiceProvider, IReadOnlyList<HttpRoute>>? _routes;
    private readonly IServiceProvider _root;
    private readonly ILogger _logger;
    private WebApplication? _app;
    private SmallHttpServer? _small;

    public RoleHttpServer(string role, string listen, Action<IEndpointRouteBuilder, IServiceProvider> map, IServiceProvider root)
        : this(role, listen, root)
    {
        _map = map;
    }

    /// <summary>
    /// A listener whose routes are a plain table: served by Kestrel, or by <see cref="SmallHttpServer"/> when the
    /// process runs lightweight roles only (<see cref="HostFootprint"/>).
    /// </summary>
    public RoleHttpServer(string role, string listen, Func<IServiceProvider, IReadOnlyList<HttpRoute>> routes, IServiceProvider root)
        : this(role, listen, root)
    {
        _routes = routes;
    }

    private RoleHttpServer(string role, string listen, IServiceProvider root)
    {
        Role = role;
        _listen = listen;
        _root = root;
        _logger = root.GetRequiredService<ILoggerFactory>().CreateLogger($"Falcon.Hosting.Http.{role}");
    }

    public string Role { get; }

    /// <summary>Whether the small server (not Kestrel) serves this listener, set once started.</summary>
    public bool ServedBySmallServer => _small is not null;

    /// <summary>The address actually bound (useful with port 0), set once started.</summary>
    public Uri? BoundAddress { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var endPoint = ListenAddress.Parse(_listen);
        if (_routes is not null && _root.GetService<HostFootprint>() is { Lightweight: true })
        {
            StartSmall(endPoint);
            return;
        }

        var limits = _root.GetRequiredService<ListenerLimits>();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "falcon" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o =>
        {
            o.Listen(endPoint);
            o.AddServerHeader = false;
            o.Limits.MaxRequestBodySize = MaxRequestBodySize;
            o.Limits.MaxConcurrentConnections = limits.MaxConnections;
            // A header must arrive whole within the frame deadline; a body keeps Kestrel's minimum data rate.
            o.Limits.RequestHeadersTimeout = limits.FrameTimeout;
            // Unread request bytes held per connection (Kestrel's default is 1 MiB): with the cap, bounds the listener.
            o.Limits.MaxRequestBufferSize = MaxRequestBufferBytes;
        });
        builder.Services.AddSingleton(_root.GetRequiredService<IOptions<HostingOptions>>());
        builder.Services.AddRoutingCore();
        // The root container's logging is used as-is; instances handed over like this are not disposed by this app.
        builder.Services.Replace(ServiceDescriptor.Singleton(_root.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddLogging();

        var app = builder.Build();
        app.UseRouting();
        app.MapGet("/health", (Func<HttpContext, Task<IResult>>)HealthAsync);
        app.MapGet("/health/live", () => Results.Text("ok"));
        app.MapPrometheusScrapingEndpoint("/metrics", _root.GetRequiredService<MeterProvider>(), null, null!);
        if (_map is not null)
        {
            _map(app, _root);
        }
        else
        {
            foreach (var route in _routes!(_root))
            {
                app.MapMethods(route.Path, [route.Method], route.Handler);
            }
        }

        await app.StartAsync(cancellationToken);
        _app = app;
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        BoundAddress = bound is null ? null : new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        Log.HttpListening(_logger, Role, bound ?? _listen);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_small is { } small)
        {
            await small.StopAsync(cancellationToken);
            Log.HttpStopped(_logger, Role);
        }

        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken);
            Log.HttpStopped(_logger, Role);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_small is { } small)
        {
            await small.DisposeAsync();
            _small = null;
        }

        if (_app is { } app)
        {
            await app.DisposeAsync();
            _app = null;
        }
    }

    // The same routes as under Kestrel: the role's, /health, and /metrics through the Prometheus exporter's own
    // middleware (so the exposition is byte for byte the one Kestrel serves).
    private void StartSmall(IPEndPoint endPoint)
    {
        var metrics = new ApplicationBuilder(_root);
        metrics.UseOpenTelemetryPrometheusScrapingEndpoint(_root.GetRequiredService<MeterProvider>(), _ => true, null, null, null);
        List<HttpRoute> routes =
        [
            new(HttpMethods.Get, "/health", WriteHealthAsync),
            new(HttpMethods.Get, "/health/live", static context => context.Response.WriteAsync("ok", context.RequestAborted)),
            new(HttpMethods.Get, "/metrics", metrics.Build()),
            .. _routes!(_root),
        ];
        var limits = _root.GetRequiredService<ListenerLimits>();
        _small = new SmallHttpServer(endPoint, routes, _root, _logger, MaxRequestBodySize, limits.MaxConnections, limits.FrameTimeout);
        var bound = _small.LocalEndPoint;
        var host = bound.Address.Equals(IPAddress.Any) || bound.Address.Equals(IPAddress.IPv6Any) ? "127.0.0.1" : bound.Address.ToString();
        BoundAddress = new UriBuilder("http", host, bound.Port).Uri;
        Log.HttpListening(_logger, Role, $"http://{bound}");
    }

    private async Task<IResult> HealthAsync(HttpContext context)
    {
        var (status, text) = await CheckHealthAsync(context.Request.Query.ContainsKey("verbose"), context.RequestAborted);
        return Results.Text(text, statusCode: status);
    }

    private async Task WriteHealthAsync(HttpContext context)
    {
        var (status, text) = await CheckHealthAsync(context.Request.Query.ContainsKey("verbose"), context.RequestAborted);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text, context.RequestAborted);
    }

    // Plain "ok" as open-falcon's /health answers; otherwise 503 with one line per failing check of this role.
    // `?verbose` lists every check of this role, passing or not, under the same status.
    private async Task<(int Status, string Text)> CheckHealthAsync(bool verbose, CancellationToken cancellationToken)
    {
        var service = _root.GetRequiredService<HealthCheckService>();
        var report = await service.CheckHealthAsync(r => r.Tags.Count == 0 || r.Tags.Contains(Role), cancellationToken);
        var status = report.Status == HealthStatus.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        if (!verbose && status == StatusCodes.Status200OK)
        {
            return (status, "ok");
        }

        var lines = report.Entries
            .Where(e => verbose || e.Value.Status != HealthStatus.Healthy)
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => $"{e.Key}: {e.Value.Status}: {e.Value.Description ?? e.Value.Exception?.Message}");
        var text = string.Join('\n', lines);
        return (status, verbose ? $"{(status == StatusCodes.Status200OK ? "ok" : "failing")}\n{text}" : text);
    }
}
