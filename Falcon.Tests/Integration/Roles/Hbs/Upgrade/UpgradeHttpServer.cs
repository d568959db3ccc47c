using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Falcon.Roles.Hbs.Upgrade;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Falcon.Hosting.Configuration;

namespace Falcon.Tests.Integration.Roles.Hbs.Upgrade;

/// <summary>The upgrade routes on a real Kestrel, bound to one address, as hbs's HTTP listener serves them.</summary>
internal sealed class UpgradeHttpServer : IAsyncDisposable
{
    public const string AdminToken = "s3cret-token-0123456789abcdef0123456789";

    private readonly WebApplication _app;
    private readonly ServiceProvider _root;

    private UpgradeHttpServer(WebApplication app, ServiceProvider root, Uri address)
    {
        _app = app;
        _root = root;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<UpgradeHttpServer> StartAsync(UpgradeCoordinator coordinator, IPAddress bind, IAgentVersions? versions = null)
    {
        var root = new ServiceCollection()
            .AddSingleton(coordinator)
            .AddSingleton(versions ?? new FixedAgentVersions(new Dictionary<string, string>()))
            .Configure<HostingOptions>(o => o.AdminToken = AdminToken)
            .BuildServiceProvider();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(bind, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.UseRouting();
        app.MapUpgradeRoutes(root);
        await app.StartAsync();
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new UpgradeHttpServer(app, root, bound);
    }

    /// <summary>An IPv4 address of this machine that is not loopback (eth0's, say), or null on a machine without one.</summary>
    public static IPAddress? NonLoopbackAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _root.DisposeAsync();
    }
}
