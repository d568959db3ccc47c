using System.Net;
using Falcon.Roles.Alarm.Silences;
using Falcon.Shared.Silences;
using Microsoft.Extensions.DependencyInjection;

namespace Falcon.Tests.Integration.Roles.Alarm.Silences;

/// <summary>
/// What an alarm process contributes to silences: <see cref="SilenceServiceCollectionExtensions.AddSilences"/> and
/// <see cref="SilenceRoutes.MapSilenceRoutes(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder)"/> in a minimal app on a real Kestrel,
/// over a real Redis, with the sync loop running. Several instances with one key prefix behave as separate alarm processes.
/// </summary>
internal sealed class SilenceAlarmInstance : IAsyncDisposable
{
    public const string AdminToken = "s3cret-admin-token-0123456789abcdef0123";
    public const string LinkSecret = "0123456789abcdef0123456789abcdef-link-secret";
    public const string LinkBaseUrl = "https://alarm.example.com";

    private readonly AdminApp _app;

    private SilenceAlarmInstance(AdminApp app) => _app = app;

    public Uri Address => _app.Address;

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
        var configuration = new Dictionary<string, string?>
        {
            ["redis:connection"] = redis,
            ["alarm:silences:keyPrefix"] = keyPrefix,
            ["alarm:silences:linkBaseUrl"] = LinkBaseUrl,
            ["alarm:silences:linkSecret"] = LinkSecret,
            ["alarm:silences:reloadInterval"] = "00:00:01",
        };
        var app = await AdminApp.StartAsync(
            AdminToken,
            configuration,
            settings,
            bind ?? IPAddress.Loopback,
            services =>
            {
                if (time is not null)
                {
                    services.AddSingleton(time);
                }

                services.AddSilences();
            },
            static app => app.MapSilenceRoutes());
        await app.Services.GetRequiredService<SilenceSync>().FirstReload.WaitAsync(TimeSpan.FromSeconds(20));
        return new SilenceAlarmInstance(app);
    }

    public HttpClient Client(string? token = null) => _app.Client(token);

    /// <summary>A link this instance signs, pointed at its own listener instead of <see cref="LinkBaseUrl"/>.</summary>
    public Uri LocalUrl(string signedUrl) => new(Address, new Uri(signedUrl).PathAndQuery);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
