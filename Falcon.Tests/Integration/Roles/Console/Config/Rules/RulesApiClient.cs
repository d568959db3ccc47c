using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Falcon.Tests.Integration.Roles.Console.Config.Rules;

/// <summary>
/// Calls the console API as a browser page would (session cookie plus the CSRF header) or with the admin token, and
/// answers the status with the parsed JSON body.
/// </summary>
internal sealed class RulesApiClient : IDisposable
{
    private readonly HttpClient _http;
    private string? _csrf;

    private RulesApiClient(Uri address, string? bearer)
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = address };
        if (bearer is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
    }

    public static RulesApiClient Admin(ConsoleStack stack) => new(stack.HttpAddress, ConsoleStack.AdminToken);

    /// <summary>Signs in as <paramref name="user"/> and keeps the CSRF token for mutating calls.</summary>
    public static async Task<RulesApiClient> SignInAsync(ConsoleStack stack, string user, string password)
    {
        var client = new RulesApiClient(stack.HttpAddress, null);
        var (status, _) = await client.SendAsync(HttpMethod.Post, "/api/login", $$"""{"name":"{{user}}","password":"{{password}}"}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), $"{user} signs in");
        var (_, session) = await client.SendAsync(HttpMethod.Get, "/api/session");
        client._csrf = session.GetProperty("csrf").GetString();
        return client;
    }

    /// <summary>Sends without the CSRF header, as a form on another site would.</summary>
    public bool SendCsrf { get; set; } = true;

    public string? Origin { get; set; }

    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (_csrf is not null && SendCsrf)
        {
            request.Headers.Add("X-Falcon-Csrf", _csrf);
        }

        if (Origin is not null)
        {
            request.Headers.Add("Origin", Origin);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body);
    }

    public Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json);

    public Task<(HttpStatusCode Status, JsonElement Body)> PutAsync(string path, string json) => SendAsync(HttpMethod.Put, path, json);

    public Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<(HttpStatusCode Status, JsonElement Body)> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public void Dispose() => _http.Dispose();
}
