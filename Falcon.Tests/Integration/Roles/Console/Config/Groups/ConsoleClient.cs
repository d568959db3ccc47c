using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Falcon.Tests.Integration.Roles.Console.Config.Groups;

/// <summary>The console API as the page calls it: signed in with the session cookie and the CSRF header, or with the admin token.</summary>
internal sealed class ConsoleClient : IDisposable
{
    private readonly HttpClient _http;
    private string _csrf = "";

    private ConsoleClient(HttpClient http) => _http = http;

    public static async Task<ConsoleClient> SignInAsync(Uri console, string user)
    {
        var client = new ConsoleClient(new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = console });
        var (status, body) = await client.SendAsync(HttpMethod.Post, "/api/login", new JsonObject { ["name"] = user, ["password"] = user + "-secret" });
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body?.ToJsonString());
        var (_, session) = await client.SendAsync(HttpMethod.Get, "/api/session");
        client._csrf = session!["csrf"]!.GetValue<string>();
        return client;
    }

    public static ConsoleClient WithToken(Uri console, string token)
    {
        var http = new HttpClient { BaseAddress = console };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new ConsoleClient(http);
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, JsonNode? body = null, bool csrf = true, string? origin = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        if (csrf && _csrf.Length > 0)
        {
            request.Headers.Add("X-Falcon-Csrf", _csrf);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        if (text.Length > 0)
        {
            try
            {
                json = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                json = JsonValue.Create(text);
            }
        }

        return (response.StatusCode, json);
    }

    public Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(string path, JsonNode? body) => SendAsync(HttpMethod.Post, path, body);

    public Task<(HttpStatusCode Status, JsonNode? Body)> PutAsync(string path, JsonNode? body) => SendAsync(HttpMethod.Put, path, body);

    public Task<(HttpStatusCode Status, JsonNode? Body)> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public void Dispose() => _http.Dispose();
}
