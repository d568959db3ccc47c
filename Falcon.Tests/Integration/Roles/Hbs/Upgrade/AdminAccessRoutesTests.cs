using System.Net;
using System.Text;

namespace Falcon.Tests.Integration.Roles.Hbs.Upgrade;

/// <summary>
/// hbs's mutating upgrade route on a real Kestrel, called from loopback without a token as a browser page of another
/// origin would call it: each is refused and no task is stored; the same call as curl or the CLI makes it is accepted.
/// </summary>
[Category("Integration")]
public sealed class AdminAccessRoutesTests
{
    private const string Body = """{"type":0,"wgeturl":"http://dl.example.com/falcon","version":"7.1.0","binfile_md5":"0123456789abcdef0123456789abcdef","cfgfile_md5":""}""";

    // What `<form enctype="text/plain"><input name='{"type":0,...,"x":"' value='"}'>` posts: a body that parses as JSON.
    private const string PlainFormJson = """{"type":0,"wgeturl":"http://dl.example.com/falcon","version":"7.1.0","binfile_md5":"0123456789abcdef0123456789abcdef","x":"="}""";

    private static IEnumerable<TestCaseData> Forged()
    {
        yield return new TestCaseData("application/x-www-form-urlencoded", "type=0&version=7.1.0", null, null, null).SetArgDisplayNames("form body a=b");
        yield return new TestCaseData("text/plain", "version 7.1.0", null, null, null).SetArgDisplayNames("text/plain body that is not JSON");
        yield return new TestCaseData("text/plain", PlainFormJson, "http://evil.example", "cross-site", null).SetArgDisplayNames("text/plain form whose body parses as JSON, cross-site");
        yield return new TestCaseData("text/plain", PlainFormJson, "http://evil.example", null, null).SetArgDisplayNames("JSON body, cross-origin Origin only (older browser)");
        yield return new TestCaseData("application/x-www-form-urlencoded", Body, null, "same-site", null).SetArgDisplayNames("JSON body, Sec-Fetch-Site same-site only");
        yield return new TestCaseData("application/x-www-form-urlencoded", "type=0", "http://evil.example", "cross-site", null).SetArgDisplayNames("cross-origin form post");
        yield return new TestCaseData("application/json", Body, "http://evil.example", null, null).SetArgDisplayNames("cross-origin Origin");
        yield return new TestCaseData("application/json", Body, null, "cross-site", null).SetArgDisplayNames("cross-site Sec-Fetch-Site");
        yield return new TestCaseData("application/json", Body, null, null, "rebind.evil.example").SetArgDisplayNames("rebinding Host");
        yield return new TestCaseData("application/x-www-form-urlencoded", Body, null, null, "rebind.evil.example").SetArgDisplayNames("curl-style JSON body, rebinding Host");
    }

    private static IEnumerable<TestCaseData> Admitted()
    {
        // curl -X POST http://127.0.0.1:6031/agent/upgrade -d '{...}': a form type, a JSON body, no browser header.
        yield return new TestCaseData("application/x-www-form-urlencoded", null, null, null).SetArgDisplayNames("curl -d without -H");
        yield return new TestCaseData("text/plain", null, null, null).SetArgDisplayNames("a script's text/plain JSON");
        yield return new TestCaseData("application/x-www-form-urlencoded", "same-origin", "self", "localhost").SetArgDisplayNames("same-origin page, form type, JSON body");
        yield return new TestCaseData("application/json", "same-origin", null, "localhost").SetArgDisplayNames("the CLI's JSON, Host localhost");
    }

    [TestCaseSource(nameof(Forged))]
    public async Task Loopback_WithoutToken_RefusesWhatABrowserPageCouldSend(string contentType, string body, string? origin, string? fetchSite, string? host)
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster: false);
        await using var server = await UpgradeHttpServer.StartAsync(harness.CreateCoordinator(), IPAddress.Loopback);
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/agent/upgrade") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        if (host is not null)
        {
            request.Headers.Host = host;
        }

        using var response = await client.SendAsync(request);
        using var nowArgs = await client.GetAsync("/agent/upgrade/nowargs");

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await nowArgs.Content.ReadAsStringAsync(), Does.Not.Contain("7.1.0"), "no task may be stored");
        });
    }

    [TestCaseSource(nameof(Admitted))]
    public async Task Loopback_WithoutToken_AcceptsAJsonBodyFromCurlScriptsOrTheSameOrigin(string contentType, string? fetchSite, string? origin, string? host)
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster: false);
        await using var server = await UpgradeHttpServer.StartAsync(harness.CreateCoordinator(), IPAddress.Loopback);
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/agent/upgrade") { Content = new StringContent(Body, Encoding.UTF8, contentType) };
        if (host is not null)
        {
            request.Headers.Host = $"{host}:{server.Address.Port}";
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", $"http://{host}:{server.Address.Port}");
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        using var accepted = await client.SendAsync(request);
        using var nowArgs = await client.GetAsync("/agent/upgrade/nowargs");

        Assert.Multiple(async () =>
        {
            Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await accepted.Content.ReadAsStringAsync());
            Assert.That(await nowArgs.Content.ReadAsStringAsync(), Does.Contain("\"version\":\"7.1.0\""), "the route read the body the check had read");
        });
    }

    [Test]
    public async Task Loopback_WithoutToken_AJsonBodyThatIsNotAnUpgradeTask_GetsTheRoutesOwnError()
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster: false);
        await using var server = await UpgradeHttpServer.StartAsync(harness.CreateCoordinator(), IPAddress.Loopback);
        using var client = server.Client();

        using var content = new StringContent("""{"version":7}""", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await client.PostAsync("/agent/upgrade", content);

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("not valid upgrade JSON"));
        });
    }

    [Test]
    public async Task Token_IsJudgedAlone_AnyBodyTypeAndEvenCrossOrigin()
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster: false);
        await using var server = await UpgradeHttpServer.StartAsync(harness.CreateCoordinator(), IPAddress.Loopback);
        using var admin = server.Client(UpgradeHttpServer.AdminToken);
        using var wrong = server.Client(new string('x', 40));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/agent/upgrade") { Content = new StringContent(Body, Encoding.UTF8, "text/plain") };
        request.Headers.Add("Origin", "http://elsewhere.example");

        using var json = new StringContent(Body, Encoding.UTF8, "application/json");
        using var refused = await wrong.PostAsync("/agent/upgrade", json);
        using var accepted = await admin.SendAsync(request);

        Assert.Multiple(async () =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "a wrong token is not rescued by loopback");
            Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await accepted.Content.ReadAsStringAsync());
        });
    }
}
