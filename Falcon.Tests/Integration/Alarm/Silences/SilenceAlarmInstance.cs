using System.Net;
using System.Net.Http.Headers;
using Falcon.Roles.Alarm.Silences;
using Falcon.Shared.Silences;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Falcon.Hosting.Configuration;

namespace Falcon.Tests.Integration.Alarm.Silences;

/// <summary>
/// What an alarm process contributes to silences: <see cref="SilenceServiceCollectionExtensions.AddSilences"/> and
/// <see cref="SilenceRoutes.MapSilenceRoutes(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder)"/> in a minimal app on a real Kestrel,
/// over a real Redis, with the sync loop running. Several instances with one key prefix behave as separate alarm processes.
/// </summary>
internal sealed class SilenceAlarmInstance : IAsyncDisposable
{
    public const string AdminToken = "s3cret-admin-token";
    public const string LinkSecret = "0123456789abcdef0123456789abcdef-link-secret";
    public const string LinkBaseUrl = "https://alarm.example.com";

    private readonly WebApplication _app;

    private SilenceAlarmInstance(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public SilenceStore Store => _app.Services.GetRequiredService<SilenceStore>();

    public SilenceLinks Links => _app.Services.GetRequiredService<SilenceLinks>();

    public IServiceProvider Services => _app.Services;

    public static string NewPrefix() => $"silences_{Guid.NewGuid():N}";

    /// <summary>Starts an instance and waits for its first reload from Redis.</summary>
    public static async Task<SilenceAlarmInstance> StartAsync(
        string redis,
        string keyPrefix,
        IPAddress? bind = null,
        TimeProvider? time = null,
        IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["redis:connection"] = redis,
            ["host:adminToken"] = AdminToken,
            ["alarm:silences:keyPrefix"] = keyPrefix,
            ["alarm:silences:linkBaseUrl"] = LinkBaseUrl,
            ["alarm:silences:linkSecret"] = LinkSecret,
            ["alarm:silences:reloadInterval"] = "00:00:01",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(bind ?? IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        // FalconHost binds `host` in the real process; the admin token comes from there.
        builder.Services.AddOptions<HostingOptions>().BindConfiguration(HostingOptions.SectionName);
        builder.Services.AddSilences();
        var app = builder.Build();
        app.UseRouting();
        app.MapSilenceRoutes();
        await app.StartAsync();
        await app.Services.GetRequiredService<SilenceSync>().FirstReload.WaitAsync(TimeSpan.FromSeconds(20));
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new SilenceAlarmInstance(app, bound);
    }

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>A link this instance signs, pointed at its own listener instead of <see cref="LinkBaseUrl"/>.</summary>
    public Uri LocalUrl(string signedUrl) => new(Address, new Uri(signedUrl).PathAndQuery);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
