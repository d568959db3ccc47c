using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Falcon.Roles.Alarm.Search;

namespace Falcon.Cli.Alarm;

/// <summary>`falcon alarm search`'s call to the alarm's `GET /api/alarms`; every failure becomes an <see cref="AlarmSearchClientException"/> an operator can act on.</summary>
internal sealed class AlarmSearchClient(Uri alarm, AlarmSearchCredentials credentials, TimeSpan timeout) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = alarm, Timeout = timeout };

    /// <summary>The page, and the raw JSON body as the alarm sent it (for --json).</summary>
    public async Task<(AlarmSearchPage Page, string Body)> SearchAsync(string queryString, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/alarms" + queryString);
        if (credentials.ApiToken is { } apiToken)
        {
            request.Headers.TryAddWithoutValidation(AlarmCallerResolver.HeaderName, apiToken);
        }
        else if (credentials.AdminToken is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var (response, body) = await RoleHttpCall.SendAsync(
            _http, request, "the alarm", alarm, "is the alarm role running there? pass --url http://<host>:9912 otherwise", timeout,
            static (message, e) => new AlarmSearchClientException(message, e), cancellationToken);
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new AlarmSearchClientException(Describe(response.StatusCode, body));
            }

            try
            {
                var page = JsonSerializer.Deserialize(body, AlarmSearchJsonContext.Default.AlarmSearchPage)
                    ?? throw new JsonException("null");
                return (page, body);
            }
            catch (JsonException e)
            {
                throw new AlarmSearchClientException($"the alarm at {alarm} answered something that is not an alarm search reply (is that address the alarm's HTTP port?): {Trim(body)}", e);
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private string Describe(HttpStatusCode status, string body)
    {
        var message = Trim(body);
        try
        {
            if (JsonSerializer.Deserialize(body, AlarmSearchJsonContext.Default.AlarmSearchError) is { Error.Length: > 0 } reply)
            {
                message = reply.Error;
            }
        }
        catch (JsonException)
        {
            // Not the alarm's JSON (a proxy's page, say): the raw text is shown.
        }

        return status switch
        {
            HttpStatusCode.Unauthorized => $"the alarm refused: {message}. Pass --apitoken '{{\"name\":\"<user>\",\"sig\":\"<sig>\"}}' (an open-falcon login session) or --token <host.adminToken>",
            HttpStatusCode.Forbidden => $"the alarm refused: {message}",
            HttpStatusCode.NotFound => $"the alarm at {alarm} has no alarm search API (404): is this Falcon's alarm HTTP port?",
            HttpStatusCode.BadRequest => message,
            _ => $"the alarm answered {(int)status}: {message}",
        };
    }

    private static string Trim(string body)
    {
        var text = body.ReplaceLineEndings(" ").Trim();
        return text.Length <= 300 ? text : text[..300] + "...";
    }
}
