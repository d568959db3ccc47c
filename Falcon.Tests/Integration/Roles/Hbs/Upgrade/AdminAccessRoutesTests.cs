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

    private static IEnumerable<TestCaseData> Forged()
    {
        yield return new TestCaseData("application/x-www-form-urlencoded", null, null, null).SetArgDisplayNames("form body (curl -d without -H)");
        yield return new TestCaseData("text/plain", null, null, null).SetArgDisplayNames("text/plain body");
        yield return new TestCaseData("application/x-www-form-urlencoded", "http://evil.example", "cross-site", null).SetArgDisplayNames("cross-origin form post");
        yield return new TestCaseData("application/json", "http://evil.example", null, null).SetArgDisplayNames("cross-origin Origin");
        yield return new TestCaseData("application/json", null, "cross-site", null).SetArgDisplayNames("cross-site Sec-Fetch-Site");
        yield return new TestCaseData("application/json", null, null, "rebind.evil.example").SetArgDisplayNames("rebinding Host");
    }

    [TestCaseSource(nameof(Forged))]
    public async Task Loopback_WithoutToken_RefusesWhatABrowserPageCouldSend(string contentType, string? origin, string? fetchSite, string? host)
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster: false);
        await using var server = await UpgradeHttpServer.StartAsync(harness.CreateCoordinator(), IPAddress.Loopback);
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/agent/upgrade") { Content = new StringContent(Body, Encoding.UTF8, contentType) };
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

    [Test]
    public async Task Loopback_WithJsonFromCurlOrTheCli_IsAccepted_AndTheTokenWorksWithAnyBody()
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster: false);
        await using var server = await UpgradeHttpServer.StartAsync(harness.CreateCoordinator(), IPAddress.Loopback);
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/agent/upgrade") { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
        request.Headers.Host = "localhost";
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var accepted = await client.SendAsync(request);

        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await accepted.Content.ReadAsStringAsync());
    }
}
