using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Falcon.Roles.Alarm.Silences;
using SilenceRecord = Falcon.Shared.Silences.Silence;

namespace Falcon.Cli.Silence;

/// <summary>The `falcon silence` commands' calls to the alarm's HTTP API; every failure becomes a <see cref="SilenceClientException"/> an operator can act on.</summary>
internal sealed class SilenceClient(SilenceTarget target) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = target.Alarm, Timeout = target.Timeout };

    public Task<SilenceRecord?> AddAsync(SilenceAddRequest request, CancellationToken cancellationToken) =>
        SendAsync(
            HttpMethod.Post,
            "api/silences",
            new StringContent(JsonSerializer.Serialize(request, SilenceApiJsonContext.Default.SilenceAddRequest), Encoding.UTF8, "application/json"),
            SilenceApiJsonContext.Default.SilenceDataResponseSilence,
            cancellationToken);

    public async Task<IReadOnlyList<SilenceRecord>> ListAsync(string? user, CancellationToken cancellationToken) =>
        await SendAsync(
            HttpMethod.Get,
            string.IsNullOrEmpty(user) ? "api/silences" : $"api/silences?user={Uri.EscapeDataString(user)}",
            null,
            SilenceApiJsonContext.Default.SilenceDataResponseIReadOnlyListSilence,
            cancellationToken) ?? [];

    public Task<string?> RemoveAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"api/silences/{Uri.EscapeDataString(id)}", null, SilenceApiJsonContext.Default.SilenceDataResponseString, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<T?> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<SilenceDataResponse<T>> typeInfo, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (target.Token is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var (response, body) = await RoleHttpCall.SendAsync(
            _http, request, "the alarm", target.Alarm, "is the alarm role running there? pass --url http://<host>:9912 otherwise", target.Timeout,
            static (message, e) => new SilenceClientException(message, e), cancellationToken);
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new SilenceClientException(Describe(response.StatusCode, body));
            }

            try
            {
                var reply = JsonSerializer.Deserialize(body, typeInfo);
                return reply is null ? default : reply.Data;
            }
            catch (JsonException e)
            {
                throw new SilenceClientException($"the alarm at {target.Alarm} answered something that is not a silence API reply (is that address the alarm's HTTP port?): {Trim(body)}", e);
            }
        }
    }

    private string Describe(HttpStatusCode status, string body)
    {
        var message = Trim(body);
        try
        {
            if (JsonSerializer.Deserialize(body, SilenceApiJsonContext.Default.SilenceMessageResponse) is { Msg.Length: > 0 } reply)
            {
                message = reply.Msg;
            }
        }
        catch (JsonException)
        {
            // Not the alarm's JSON (a proxy's page, say): the raw text is shown.
        }

        return status switch
        {
            HttpStatusCode.Forbidden => $"the alarm refused: {message}. Run this on the alarm host, or pass --token / set host.adminToken to the alarm's host.adminToken",
            HttpStatusCode.NotFound when message.StartsWith("no silence", StringComparison.Ordinal) => message,
            HttpStatusCode.NotFound => $"the alarm at {target.Alarm} has no silence API (404): is this Falcon's alarm HTTP port?",
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
