using System.Net;
using System.Net.Http.Json;
using Falcon.Tests.Integration.Roles.Console.Config.People;

namespace Falcon.Tests.Integration.Roles.Console;

/// <summary>
/// A console behind a reverse proxy (console.trustedProxies: 127.0.0.1, the address the tests connect from): the
/// sign-in throttle counts the person the proxy names, not the proxy, so one guesser does not lock everyone out; a
/// client's own X-Forwarded-For text does not let it escape; the audit shows the person's address; X-Forwarded-Proto
/// https makes the cookie Secure.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class ProxiedSignInTests
{
    private static ConsoleStack _stack = null!;
    private static HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _stack = await ConsoleStack.StartAsync("console.trustedProxies.0=127.0.0.1", "console.signInAttempts=3");
        _http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = _stack.HttpAddress };
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _stack.StopAllAsync();
    }

    [SetUp]
    public async Task ForgetFailuresAsync() => await SignInFailures.ForgetAsync(await TestServers.RedisAsync());

    [Test]
    public async Task OneGuesserBehindTheProxy_IsRefused_WhileAnotherPersonBehindItSignsIn_AndTheAuditNamesThem()
    {
        var guesser = Address();
        var colleague = Address();
        var wrong = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            wrong.Add(await StatusAsync($"nobody-{i}", "wrong", guesser));
        }

        var guesserWithAGoodPassword = await StatusAsync("carol", "carol-secret", guesser);
        var colleagueSignsIn = await StatusAsync("alice", ConsoleStack.AlicePassword, colleague);
        var audit = await PeopleApiTests.Scalar(_stack, "SELECT summary FROM falcon_audit WHERE kind = 'session' AND action = 'sign-in' AND object = 'alice' ORDER BY id DESC LIMIT 1");

        Assert.Multiple(() =>
        {
            Assert.That(wrong, Is.All.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(guesserWithAGoodPassword, Is.EqualTo(HttpStatusCode.TooManyRequests), "the guesser's address has used its attempts");
            Assert.That(colleagueSignsIn, Is.EqualTo(HttpStatusCode.OK), "the proxy's address is not what is counted");
            Assert.That(audit, Is.EqualTo($"from {colleague} (password)"));
        });
    }

    [Test]
    public async Task AGuesserWritingItsOwnForwardedFor_CannotChangeTheAddressCounted()
    {
        var guesser = Address();
        for (var i = 0; i < 3; i++)
        {
            // What the client sends stays on the left; the proxy appends the address it saw.
            await StatusAsync($"nobody-{i}", "wrong", $"{Address()}, {guesser}");
        }

        var again = await StatusAsync("carol", "carol-secret", $"{Address()}, {guesser}");

        Assert.That(again, Is.EqualTo(HttpStatusCode.TooManyRequests));
    }

    [TestCase("https", true)]
    [TestCase(null, false)]
    public async Task TheCookie_IsSecure_WhenTheProxySaysTheRequestCameOverHttps(string? proto, bool secure)
    {
        using var response = await SignInAsync("bob", "bob-secret", Address(), proto);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("falcon_console=", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(cookie.Contains("secure", StringComparison.OrdinalIgnoreCase), Is.EqualTo(secure), cookie);
        });
    }

    private static int _people;

    // Addresses from 198.18.0.0/15 (RFC 2544, never routed), a different one for every person.
    private static string Address()
    {
        var n = Interlocked.Increment(ref _people);
        return $"198.18.{n / 250}.{1 + (n % 250)}";
    }

    private static async Task<HttpStatusCode> StatusAsync(string name, string password, string forwardedFor)
    {
        using var response = await SignInAsync(name, password, forwardedFor);
        return response.StatusCode;
    }

    private static async Task<HttpResponseMessage> SignInAsync(string name, string password, string forwardedFor, string? proto = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/login") { Content = JsonContent.Create(new { name, password }) };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        if (proto is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", proto);
        }

        return await _http.SendAsync(request);
    }
}
