using System.Net;
using System.Net.Http.Headers;
using Falcon.Hosting.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Falcon.Tests.Integration;

/// <summary>
/// A minimal app on a real Kestrel (free port) with the `host` section bound as FalconHost binds it in the real process,
/// so the routes under test check bearer tokens against <c>host:adminToken</c>. The caller adds its services and routes.
/// </summary>
internal sealed class AdminApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AdminApp(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts the app with <paramref name="configuration"/> (then <paramref name="settings"/> over it) and the admin token,
    /// the services <paramref name="addServices"/> registers and the routes <paramref name="mapRoutes"/> maps.
    /// </summary>
    public static async Task<AdminApp> StartAsync(
        string adminToken,
        IDictionary<string, string?> configuration,
        IDictionary<string, string?>? settings,
        IPAddress bind,
        Action<IServiceCollection> addServices,
        Action<WebApplication> mapRoutes)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Configuration.AddInMemoryCollection([new("host:adminToken", adminToken)]);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(bind, 0));
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        builder.Services.AddOptions<HostingOptions>().BindConfiguration(HostingOptions.SectionName);
        addServices(builder.Services);
        var app = builder.Build();
        app.UseRouting();
        mapRoutes(app);
        await app.StartAsync();
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new AdminApp(app, bound);
    }

    /// <summary>A client of the app, sending <paramref name="bearer"/> as a bearer token when given.</summary>
    public HttpClient Client(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
