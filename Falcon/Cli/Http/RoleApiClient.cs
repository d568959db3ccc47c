using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Falcon.Cli.Http;

/// <summary>
/// The CLI's one client for the roles' HTTP APIs. Each command group adds its calls as extension methods
/// (UpgradeCalls, SilenceCalls, ...); every failure becomes a <see cref="RoleApiException"/> whose message an operator
/// can act on: the role is unreachable or slow, refused the call, or answered something that is not its API.
/// </summary>
internal sealed class RoleApiClient(RoleApiTarget target) : IDisposable
{
    /// <summary>open-falcon's header for a user's login session (`{"name":..,"sig":..}`).</summary>
    public const string ApiTokenHeader = "Apitoken";

    private const int ShownBodyLength = 300;

    private readonly HttpClient _http = new() { BaseAddress = target.Address, Timeout = target.Timeout };

    public RoleApiTarget Target => target;

    /// <summary>A JSON request body.</summary>
    public static StringContent Json<T>(T value, JsonTypeInfo<T> typeInfo) =>
        new(JsonSerializer.Serialize(value, typeInfo), Encoding.UTF8, "application/json");

    /// <summary>GET <paramref name="path"/>; the reply, or null when the role answered JSON null.</summary>
    public async Task<T?> GetAsync<T>(string path, JsonTypeInfo<T> replyType, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Get, path, null, replyType, cancellationToken)).Reply;

    /// <summary>POST <paramref name="path"/> with an optional JSON body; the reply, or null when the role answered JSON null.</summary>
    public async Task<T?> PostAsync<T>(string path, HttpContent? content, JsonTypeInfo<T> replyType, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Post, path, content, replyType, cancellationToken)).Reply;

    /// <summary>DELETE <paramref name="path"/>; the reply, or null when the role answered JSON null.</summary>
    public async Task<T?> DeleteAsync<T>(string path, JsonTypeInfo<T> replyType, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Delete, path, null, replyType, cancellationToken)).Reply;

    /// <summary>Sends one call and reads the reply as <paramref name="replyType"/>; the raw body comes back too (for --json).</summary>
    /// <returns>The reply (null when the role answered JSON null) and the body as sent.</returns>
    /// <exception cref="RoleApiException">Unreachable, timed out, refused, or not the API's JSON.</exception>
    public async Task<(T? Reply, string Body)> SendAsync<T>(
        HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> replyType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (target.ApiToken is { } apiToken)
        {
            request.Headers.TryAddWithoutValidation(ApiTokenHeader, apiToken);
        }
        else if (target.Token is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var (response, body) = await ReceiveAsync(request, cancellationToken);
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new RoleApiException(Describe(response.StatusCode, body));
            }

            try
            {
                return (JsonSerializer.Deserialize(body, replyType), body);
            }
            catch (JsonException e)
            {
                throw NotAReply(body, e);
            }
        }
    }

    /// <summary>The failure for an answer that is not the API's reply (a proxy's page, another service's port).</summary>
    public RoleApiException NotAReply(string body, Exception? innerException)
    {
        var api = target.Api;
        var message = $"{api.Who} at {target.Address} answered something that is not {api.ReplyName} (is that address {api.Who}'s HTTP port?): {Trim(body)}";
        return innerException is null ? new RoleApiException(message) : new RoleApiException(message, innerException);
    }

    public void Dispose() => _http.Dispose();

    private async Task<(HttpResponseMessage Response, string Body)> ReceiveAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var api = target.Api;
        try
        {
            var response = await _http.SendAsync(request, cancellationToken);
            return (response, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (HttpRequestException e)
        {
            throw new RoleApiException($"cannot reach {api.Who} at {target.Address}: {e.Message} ({api.UnreachableHint})", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RoleApiException($"{api.Who} at {target.Address} did not answer within {target.Timeout.TotalSeconds:0.#} s (--timeout)", e);
        }
    }

    private string Describe(HttpStatusCode status, string body)
    {
        var api = target.Api;
        var message = RoleMessage(body) ?? Trim(body);
        return api.Explain(status, message) ?? status switch
        {
            HttpStatusCode.NotFound => $"{api.Who} at {target.Address} has no {api.Name} (404): is this Falcon's {api.Role} HTTP port?",
            _ => $"{api.Who} answered {(int)status}: {message}",
        };
    }

    // The roles put the reason in {"msg": ...} (open-falcon's style) or {"error": ...}; anything else (a proxy's
    // page, say) is shown as raw text.
    private static string? RoleMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var name in (ReadOnlySpan<string>)["msg", "error"])
            {
                if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
                {
                    return text;
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Trim(string body)
    {
        var text = body.ReplaceLineEndings(" ").Trim();
        return text.Length <= ShownBodyLength ? text : text[..ShownBodyLength] + "...";
    }
}
