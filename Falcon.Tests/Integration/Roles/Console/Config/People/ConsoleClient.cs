using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Falcon.Tests.Integration.Roles.Console.Config.People;

/// <summary>A person using the console API as its page does: the session cookie, and the CSRF token on every change.</summary>
internal sealed class ConsoleClient : IDisposable
{
    private readonly HttpClient _http;

    public ConsoleClient(Uri console)
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = console };
    }

    public string Csrf { get; private set; } = "";

    /// <summary>Signs in; returns the answer's status and body.</summary>
    public async Task<(HttpStatusCode Status, string Body)> SignInAsync(string name, string password)
    {
        using var response = await _http.PostAsJsonAsync("/api/login", new { name, password });
        var body = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode)
        {
            Csrf = JsonDocument.Parse(body).RootElement.GetProperty("csrf").GetString() ?? "";
        }

        return (response.StatusCode, body);
    }

    public async Task<ConsoleClient> SignedInAsync(string name, string password)
    {
        var (status, body) = await SignInAsync(name, password);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), $"{name} signs in: {body}");
        return this;
    }

    public Task<(HttpStatusCode Status, string Body)> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<(HttpStatusCode Status, string Body)> PostAsync(string path, object? body) => SendAsync(HttpMethod.Post, path, body);

    public Task<(HttpStatusCode Status, string Body)> PutAsync(string path, object? body) => SendAsync(HttpMethod.Put, path, body);

    public Task<(HttpStatusCode Status, string Body)> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    /// <summary>Sends with the session cookie and, for a change, the CSRF token; <paramref name="headers"/> may override.</summary>
    public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, object? body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        if (method != HttpMethod.Get && headers.All(h => h.Name != "X-Falcon-Csrf"))
        {
            request.Headers.Add("X-Falcon-Csrf", Csrf);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement.Clone();

    public void Dispose() => _http.Dispose();
}
