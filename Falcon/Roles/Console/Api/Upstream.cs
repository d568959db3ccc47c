using System.Net.Http.Headers;
using System.Text;
using Falcon.Hosting.Configuration;
using Falcon.Roles.Console.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Console.Api;

/// <summary>
/// The console's calls to the alarm role and hbs over their HTTP APIs. A signed-in person's calls to the alarm search
/// carry open-falcon's Apitoken header of their own uic session, so the alarm role decides what they see; calls that
/// change something (silences, upgrades) carry `host.adminToken`, after the console has checked the person may.
/// </summary>
internal sealed class Upstream(HttpClient http, IOptions<ConsoleOptions> options, IOptions<HostingOptions> hosting, ILogger logger)
{
    public const string HttpClientName = "Falcon.Console";

    public Uri Alarm { get; } = Base(options.Value.AlarmUrl);

    public Uri Hbs { get; } = Base(options.Value.HbsUrl);

    /// <summary>Sends and returns the status and body; a role that does not answer is a 502 with a message.</summary>
    public async Task<(int Status, byte[] Body)> SendAsync(
        Uri baseUri, HttpMethod method, string pathAndQuery, ConsoleCaller? asUser, byte[]? jsonBody, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUri, pathAndQuery));
        Authenticate(request.Headers, asUser);

        if (jsonBody is not null)
        {
            request.Content = new ByteArrayContent(jsonBody);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.CallTimeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(timeout.Token));
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var which = baseUri == Alarm ? "the alarm role" : "hbs";
            var key = baseUri == Alarm ? "console.alarmUrl" : "console.hbsUrl";
            Log.UpstreamFailed(logger, which, pathAndQuery, e.Message);
            var message = "{\"msg\":" + Quote($"{which} at {baseUri} did not answer ({e.GetType().Name}); is it running? ({key})") + "}";
            return (StatusCodes.Status502BadGateway, Encoding.UTF8.GetBytes(message));
        }
    }

    /// <summary>
    /// A signed-in person goes as themselves (open-falcon's Apitoken header of their uic session), so the other role
    /// applies its own rules to them; the admin token caller, or a call on nobody's behalf, as host.adminToken.
    /// </summary>
    public void Authenticate(HttpRequestHeaders headers, ConsoleCaller? asUser)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (asUser is { ViaToken: false })
        {
            headers.TryAddWithoutValidation("Apitoken", $$"""{"name":{{Quote(asUser.Name)}},"sig":{{Quote(asUser.Sig)}}}""");
        }
        else if (hosting.Value.AdminToken.Length > 0)
        {
            headers.Authorization = new AuthenticationHeaderValue("Bearer", hosting.Value.AdminToken);
        }
    }

    private static Uri Base(string url) => new(url.EndsWith('/') ? url : url + "/", UriKind.Absolute);

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text, ConsoleJsonContext.Default.String);
}
