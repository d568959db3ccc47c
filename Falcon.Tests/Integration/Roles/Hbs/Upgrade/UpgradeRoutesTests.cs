using System.Net;
using System.Text;
using System.Text.Json;

namespace Falcon.Tests.Integration.Roles.Hbs.Upgrade;

/// <summary>The fork's upgrade routes over real HTTP: bodies, validation, and who may change the task.</summary>
[Category("Integration")]
public sealed class UpgradeRoutesTests
{
    private const string ForkBody = """{"type":0,"wgeturl":"http://dl.example.com/falcon","version":"7.1.0","binfile_md5":"0123456789abcdef0123456789abcdef","cfgfile_md5":""}""";

    [Test]
    public async Task Post_WithoutAWgetUrl_TakesHbsUpgradeDownloadUrl()
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster: false, o => o.DownloadUrl = "http://dl.example.com/falcon");
        await using var server = await UpgradeHttpServer.StartAsync(harness.CreateCoordinator(), IPAddress.Loopback);
        using var client = server.Client();
        const string body = """{"type":0,"version":"7.1","binfile":"bin_7.1","binfile_md5":"0123456789abcdef0123456789abcdef","binfile_sig":"MEUCIQDx"}""";

        using var response = await client.PostAsync("/agent/upgrade", new StringContent(body, Encoding.UTF8, "application/json"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.RootElement.ToString());
        var data = json.RootElement.GetProperty("data");
        Assert.That(
            (data.GetProperty("wgeturl").GetString(), data.GetProperty("binfile").GetString(), data.GetProperty("binfile_sig").GetString()),
            Is.EqualTo(("http://dl.example.com/falcon", "bin_7.1", "MEUCIQDx")));
    }

    [Test]
    public async Task Post_FromLoopback_StoresTheTaskAndEchoesTheArgsInTheForksShape()
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster: false);
        var hbs = harness.CreateCoordinator();
        await using var server = await UpgradeHttpServer.StartAsync(hbs, IPAddress.Loopback);
        using var client = server.Client();

        // The fork's documented curl with -H 'Content-Type: application/json'; without it curl sends a form type, refused
        // from a tokenless loopback caller (AdminAccessRoutesTests).
        using var response = await client.PostAsync("/agent/upgrade", new StringContent(ForkBody, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        using var nowArgs = await client.GetAsync("/agent/upgrade/nowargs");

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
            Assert.That(body, Is.EqualTo("""{"msg":"success","data":{"type":0,"wgeturl":"http://dl.example.com/falcon","version":"7.1.0","binfile_md5":"0123456789abcdef0123456789abcdef","cfgfile_md5":""}}"""));
            Assert.That(await nowArgs.Content.ReadAsStringAsync(), Is.EqualTo(body));
            Assert.That((await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("a"), CancellationToken.None))?.Version, Is.EqualTo("7.1.0"));
        });
    }

    [TestCase("{not json", "request body is not valid upgrade JSON")]
    [TestCase("", "request body is not valid upgrade JSON")]
    [TestCase("null", "request body is empty")]
    [TestCase("""{"type":"zero"}""", "request body is not valid upgrade JSON")]
    [TestCase("""{"type":0,"version":"7.1.0","binfile_md5":"0123456789abcdef0123456789abcdef"}""", "wgeturl is required")]
    [TestCase("""{"type":0,"wgeturl":"http://dl/f","binfile_md5":"0123456789abcdef0123456789abcdef"}""", "version is required")]
    [TestCase("""{"type":0,"wgeturl":"http://dl/f","version":"7.1.0"}""", "binfile_md5 (or binfile_sha256) is required for type 0")]
    [TestCase("""{"type":1,"wgeturl":"http://dl/f","version":"7.1.0","binfile_md5":"0123456789abcdef0123456789abcdef"}""", "cfgfile_md5 (or cfgfile_sha256) is required for type 1")]
    [TestCase("""{"type":0,"wgeturl":"ftp://dl/f","version":"7.1.0","binfile_md5":"0123456789abcdef0123456789abcdef"}""", "wgeturl must be an http or https URL")]
    [TestCase("""{"type":0,"wgeturl":"http://dl/f","version":"7.1.0","binfile_md5":"xyz"}""", "binfile_md5 must be 32 hex digits")]
    public async Task Post_WithABadBody_Returns400NamingTheProblem(string requestBody, string problem)
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster: false);
        await using var server = await UpgradeHttpServer.StartAsync(harness.CreateCoordinator(), IPAddress.Loopback);
        using var client = server.Client();

        using var response = await client.PostAsync("/agent/upgrade", new StringContent(requestBody, Encoding.UTF8, "application/json"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(json.RootElement.GetProperty("msg").GetString(), Does.StartWith(problem));
        });
    }

    [Test]
    public async Task ReadRoutes_AnswerWithoutATask_AsTheForkDoes()
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster: false);
        var versions = new FixedAgentVersions(new Dictionary<string, string> { ["host-a"] = "6.1.0", ["host-b"] = "7.1.0@3f2a9c" });
        await using var server = await UpgradeHttpServer.StartAsync(harness.CreateCoordinator(), IPAddress.Loopback, versions);
        using var client = server.Client();

        var nowArgs = await client.GetStringAsync("/agent/upgrade/nowargs");
        var agentVersions = await client.GetStringAsync("/agentversions");
        var status = await client.GetStringAsync("/agent/upgrade/status");

        Assert.Multiple(() =>
        {
            Assert.That(nowArgs, Is.EqualTo("""{"msg":"success","data":{"type":0,"wgeturl":"","version":"","binfile_md5":"","cfgfile_md5":""}}"""));
            Assert.That(agentVersions, Is.EqualTo("""{"msg":"success","data":{"host-a":"6.1.0","host-b":"7.1.0@3f2a9c"}}"""));
            Assert.That(status, Does.StartWith("""{"msg":"success","data":{"state":"none","""));
        });
    }

    [Test]
    public async Task MutatingRoutes_FromANonLoopbackAddress_AreRefusedWithoutTheToken()
    {
        var address = UpgradeHttpServer.NonLoopbackAddress();
        if (address is null)
        {
            Assert.Inconclusive("this machine has no non-loopback IPv4 address; UpgradeEndpointsAccessTests covers the rule without a socket");
        }

        await using var harness = await UpgradeHarness.StartAsync(cluster: false);
        var hbs = harness.CreateCoordinator();
        await hbs.PushAsync(UpgradeHarness.NewTask(), CancellationToken.None);
        // Bound to eth0's address and called on it, the request's socket comes from that address, not 127.0.0.1.
        await using var server = await UpgradeHttpServer.StartAsync(hbs, address!);
        using var anonymous = server.Client();
        using var wrongToken = server.Client("not-the-token");
        using var admin = server.Client(UpgradeHttpServer.AdminToken);

        using var deleteAnonymous = await anonymous.DeleteAsync("/agent/upgrade");
        var refusedBody = await deleteAnonymous.Content.ReadAsStringAsync();
        using var postAnonymous = await anonymous.PostAsync("/agent/upgrade", new StringContent(ForkBody));
        using var deleteWrongToken = await wrongToken.DeleteAsync("/agent/upgrade");
        var stillRunning = (await hbs.GetStatusAsync(CancellationToken.None)).State;
        using var readAnonymous = await anonymous.GetAsync("/agent/upgrade/nowargs");
        using var deleteAdmin = await admin.DeleteAsync("/agent/upgrade");
        var afterAdmin = (await hbs.GetStatusAsync(CancellationToken.None)).State;

        Assert.Multiple(() =>
        {
            Assert.That(deleteAnonymous.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(refusedBody, Is.EqualTo("""{"msg":"no privilege"}"""));
            Assert.That(postAnonymous.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(deleteWrongToken.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(stillRunning, Is.EqualTo("running"));
            Assert.That(readAnonymous.StatusCode, Is.EqualTo(HttpStatusCode.OK), "read routes are open");
            Assert.That(deleteAdmin.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(afterAdmin, Is.EqualTo("cancelled"));
        });
    }

    [Test]
    public async Task Delete_FromLoopback_CancelsWithTheForksReply()
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster: false);
        var hbs = harness.CreateCoordinator();
        await hbs.PushAsync(UpgradeHarness.NewTask(), CancellationToken.None);
        await using var server = await UpgradeHttpServer.StartAsync(hbs, IPAddress.Loopback);
        using var client = server.Client();

        using var response = await client.DeleteAsync("/agent/upgrade");

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"msg":"success","data":"upgrade cancelled"}"""));
        });
    }
}
