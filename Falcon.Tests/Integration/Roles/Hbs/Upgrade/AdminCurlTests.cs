using System.Diagnostics;
using System.Text.Json;
using Falcon.Tests.Integration.Shared.Portal;

namespace Falcon.Tests.Integration.Roles.Hbs.Upgrade;

/// <summary>
/// The fork's documented upgrade call, made with the real curl on the hbs host against a whole hbs role:
/// `curl -X POST http://127.0.0.1:&lt;port&gt;/agent/upgrade -d '{...}'` sends a form Content-Type with a JSON body and
/// no Origin or Sec-Fetch-Site header, and is accepted; the same curl with a form body, or as a page of another origin
/// would send it, is refused.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class AdminCurlTests
{
    private const string PushBody = """{"type":0,"wgeturl":"http://dl.example.com/falcon","version":"7.1.0","binfile_md5":"0123456789abcdef0123456789abcdef","cfgfile_md5":""}""";

    private PortalDatabase _database = null!;
    private HbsInstance _hbs = null!;

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        _database = await PortalDatabase.CreateAsync();
        _hbs = await HbsInstance.StartAsync(_database, await TestServers.RedisAsync(), $"curl_{Guid.NewGuid():N}");
    }

    [OneTimeTearDown]
    public async Task TearDownAsync()
    {
        await _hbs.DisposeAsync();
        await _database.DisposeAsync();
    }

    [SetUp]
    public async Task CancelAsync() => Assert.That((await CurlAsync("-X", "DELETE", Url())).Status, Is.EqualTo(200));

    [Test]
    public async Task TheForksCurlCommand_PushesTheTask()
    {
        var pushed = await CurlAsync("-X", "POST", Url(), "-d", PushBody);
        var nowArgs = await CurlAsync(Url("/agent/upgrade/nowargs"));

        Assert.Multiple(() =>
        {
            Assert.That(pushed.Status, Is.EqualTo(200), pushed.Body);
            Assert.That(Version(nowArgs.Body), Is.EqualTo("7.1.0"));
        });
    }

    [TestCase("-d", "version=7.1.0&type=0", TestName = "a form body (curl -d a=b)")]
    [TestCase("-H", "Origin: http://evil.example", TestName = "a JSON body with a cross-origin Origin")]
    [TestCase("-H", "Sec-Fetch-Site: cross-site", TestName = "a JSON body with Sec-Fetch-Site cross-site")]
    [TestCase("-H", "Host: rebind.evil.example", TestName = "a JSON body with a rebinding Host")]
    public async Task TheSameCurl_AsABrowserPageCouldSendIt_IsRefused(string option, string value)
    {
        string[] args = option == "-d" ? ["-X", "POST", Url(), "-d", value] : ["-X", "POST", Url(), "-d", PushBody, option, value];

        var refused = await CurlAsync(args);
        var nowArgs = await CurlAsync(Url("/agent/upgrade/nowargs"));

        Assert.Multiple(() =>
        {
            Assert.That(refused.Status, Is.EqualTo(403), refused.Body);
            Assert.That(refused.Body, Does.Contain("no privilege"));
            Assert.That(Version(nowArgs.Body), Is.Empty, "no task is stored");
        });
    }

    private static string Version(string nowArgs)
    {
        using var document = JsonDocument.Parse(nowArgs);
        return document.RootElement.GetProperty("data").TryGetProperty("version", out var version) ? version.GetString() ?? "" : "";
    }

    private string Url(string path = "/agent/upgrade") => new Uri(_hbs.HttpAddress, path).ToString();

    // The HTTP status is written after the body, on a line of its own (-w).
    private static async Task<(int Status, string Body)> CurlAsync(params string[] args)
    {
        var info = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] all = ["-sS", "--max-time", "10", "-w", "\n%{http_code}", .. args];
        foreach (var arg in all)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, $"curl {string.Join(' ', args)}: {error}");
        var cut = output.LastIndexOf('\n');
        return (int.Parse(output[(cut + 1)..], System.Globalization.CultureInfo.InvariantCulture), output[..cut]);
    }
}
