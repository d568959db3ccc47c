using Falcon.Roles.Console;
using Falcon.Roles.Console.Auth;
using Falcon.Shared.Portal;
using Falcon.Shared.Redis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Roles.Console;

/// <summary>
/// The console's CSRF rule, without servers: a mutating call signed in by cookie passes only with the token made for
/// its own session and from this console's origin. The secrets are configured, so Redis (port 1: nothing) is never
/// asked, and a refused call never reaches the uic database.
/// </summary>
public sealed class ConsoleCsrfTests
{
    private const string Sig = "0123456789abcdef0123456789abcdef";
    private const string Host = "console.example.com:8081";

    private RedisConnection _redis = null!;
    private FalconDatabases _databases = null!;
    private ConsoleAuth _auth = null!;

    [SetUp]
    public void SetUp()
    {
        var options = Options.Create(new ConsoleOptions { SessionSecret = "csrf-unit-test-secret", AdminToken = "csrf-unit-test-admin-token-0123456789" });
        _redis = new RedisConnection(Options.Create(new RedisOptions { Connection = "127.0.0.1:1,connectTimeout=100,asyncTimeout=300,syncTimeout=300" }), NullLogger<RedisConnection>.Instance);
        _databases = new FalconDatabases(Options.Create(new MySqlOptions { Uic = "Server=127.0.0.1;Port=1;Database=uic;Connection Timeout=1" }), NullLoggerFactory.Instance);
        _auth = new ConsoleAuth(new UicSessions(_databases, new FakeTimeProvider()), new ConsoleSecrets(_redis, options), new TrustedProxies(options), options);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await _databases.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Test]
    public async Task TheSessionsOwnToken_FromThisOrigin_Passes()
    {
        var token = await _auth.CsrfTokenAsync(Sig, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(await _auth.CsrfPassesAsync(Request(token, origin: "http://" + Host), Sig), Is.True, "with Origin");
            Assert.That(await _auth.CsrfPassesAsync(Request(token, fetchSite: "same-origin"), Sig), Is.True, "with Sec-Fetch-Site only");
            Assert.That(await _auth.CsrfPassesAsync(Request(token), Sig), Is.True, "a non-browser client sends neither");
        });
    }

    [Test]
    public async Task AMissingWrongOrBorrowedToken_OrAnotherSite_IsRefused()
    {
        var token = await _auth.CsrfTokenAsync(Sig, CancellationToken.None);
        var othersToken = await _auth.CsrfTokenAsync("fedcba9876543210fedcba9876543210", CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(await _auth.CsrfPassesAsync(Request(null, origin: "http://" + Host), Sig), Is.False, "no token");
            Assert.That(await _auth.CsrfPassesAsync(Request("bm90IGEgdG9rZW4=", origin: "http://" + Host), Sig), Is.False, "a made-up token");
            Assert.That(await _auth.CsrfPassesAsync(Request(othersToken, origin: "http://" + Host), Sig), Is.False, "another session's token");
            Assert.That(await _auth.CsrfPassesAsync(Request(token, origin: "http://attacker.test"), Sig), Is.False, "another Origin");
            Assert.That(await _auth.CsrfPassesAsync(Request(token, origin: "null"), Sig), Is.False, "an opaque Origin (sandboxed frame, file://)");
            Assert.That(await _auth.CsrfPassesAsync(Request(token, fetchSite: "cross-site"), Sig), Is.False, "Sec-Fetch-Site cross-site");
            Assert.That(await _auth.CsrfPassesAsync(Request(token, fetchSite: "same-site"), Sig), Is.False, "a sibling subdomain is another site");
        });
    }

    [Test]
    public async Task AMutatingCallWithoutTheToken_Is403_BeforeTheSessionIsLookedUp()
    {
        var context = Request(null, origin: "http://" + Host);
        context.Request.Headers.Cookie = $"{ConsoleAuth.CookieName}={Sig}";

        var (caller, refusal) = await _auth.ResolveAsync(context, mutating: true);

        Assert.Multiple(() =>
        {
            Assert.That(caller, Is.Null);
            // The uic database is on a closed port: reaching the lookup would have thrown instead.
            Assert.That((refusal as IStatusCodeHttpResult)?.StatusCode, Is.EqualTo(StatusCodes.Status403Forbidden));
        });
    }

    [Test]
    public async Task TheTokenDependsOnTheSecret()
    {
        var other = Options.Create(new ConsoleOptions { SessionSecret = "another-secret", AdminToken = "x" });
        var otherAuth = new ConsoleAuth(new UicSessions(_databases, new FakeTimeProvider()), new ConsoleSecrets(_redis, other), new TrustedProxies(other), other);

        var mine = await _auth.CsrfTokenAsync(Sig, CancellationToken.None);
        var theirs = await otherAuth.CsrfTokenAsync(Sig, CancellationToken.None);

        Assert.That(theirs, Is.Not.EqualTo(mine), "a token made under another console's secret is worthless here");
    }

    private static DefaultHttpContext Request(string? token, string? origin = null, string? fetchSite = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.Host = new HostString(Host);
        if (token is not null)
        {
            context.Request.Headers[ConsoleAuth.CsrfHeader] = token;
        }

        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }

        if (fetchSite is not null)
        {
            context.Request.Headers["Sec-Fetch-Site"] = fetchSite;
        }

        return context;
    }
}
