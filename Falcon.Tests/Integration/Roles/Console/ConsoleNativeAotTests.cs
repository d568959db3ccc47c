using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Falcon.Roles.Console.Auth;
using Falcon.Tests.Integration.Hosting;
using Falcon.Tests.Integration.Roles.Agent.Upgrade;
using Falcon.Tests.Integration.Shared.Portal;
using MySqlConnector;

namespace Falcon.Tests.Integration.Roles.Console;

/// <summary>
/// The console served by the NativeAOT binary `./build.sh publish` makes (the one operators install): the embedded page
/// and its script, the JSON API (source-generated serialisation, no reflection), open-falcon's password check against a
/// real uic database, and unknown API paths answered as JSON 404, never as the page.
/// </summary>
[Category("Integration")]
public sealed partial class ConsoleNativeAotTests
{
    // The same published version as the agent upgrade tests, so the publish is made once per source tree.
    private const string Version = "7.0.1";
    private const string Salt = "aot-console-salt";
    private const string AdminToken = "aot-console-admin-token-0123456789abcdef";

    [Test]
    public async Task PublishedBinary_ServesThePage_ItsScript_AndTheJsonApi()
    {
        var binary = Path.Combine(await FalconPublish.GetAsync(Version), "falcon");
        var redis = await TestServers.RedisAsync();
        await SignInFailures.ForgetAsync(redis);
        await using var database = await PortalDatabase.CreateAsync();
        await SeedAsync(database);
        var port = Servers.ServerProcess.FreePort();
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "run", "--role", "console",
            "--set", $"console.httpListen=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            "--set", $"console.passwordSalt={Salt}",
            "--set", $"console.adminToken={AdminToken}",
            "--set", $"redis.connection={redis.Connection}",
            "--set", $"mysql.portal={database.Options.Portal}",
            "--set", $"mysql.uic={database.Options.Uic}",
            "--set", $"mysql.alarms={database.Options.Alarms}",
            "--set", "logging.logLevel.Default=Warning",
        })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = new ProcessShutdownTests.FalconProcess(Process.Start(info)!);
        var output = ProcessShutdownTests.Capture(process.Process);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"), Timeout = TimeSpan.FromSeconds(10) };
        var page = await Poll.ForAsync(() => http.GetAsync("/"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        var html = await page.Content.ReadAsStringAsync();
        var script = ScriptSource().Match(html);
        Assert.That(script.Success, Is.True, "the page names its script:\n" + html + "\n" + Tail(output));

        var asset = await http.GetAsync(script.Groups["src"].Value);
        var assetBody = await asset.Content.ReadAsStringAsync();
        var unknown = await http.GetAsync("/api/no-such-thing");
        var anonymous = await http.GetAsync("/api/session");
        using var admin = new HttpRequestMessage(HttpMethod.Get, "/api/session") { Headers = { Authorization = new("Bearer", AdminToken) } };
        var session = await http.SendAsync(admin);
        var sessionJson = session.IsSuccessStatusCode ? await session.Content.ReadFromJsonAsync<JsonElement>() : default;
        // open-falcon's salted password check against the uic row, and the session cookie it sets (the client keeps it).
        var wrong = await http.PostAsJsonAsync("/api/login", new { name = "alice", password = "not-her-password" });
        var signIn = await http.PostAsJsonAsync("/api/login", new { name = "alice", password = "alice-secret" });
        var mine = await http.GetAsync("/api/session");
        var mineText = await mine.Content.ReadAsStringAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(asset.StatusCode, Is.EqualTo(HttpStatusCode.OK), script.Groups["src"].Value);
            Assert.That(asset.Content.Headers.ContentType?.MediaType, Does.Contain("javascript"));
            Assert.That(assetBody.Length, Is.GreaterThan(1_000), "the bundled front end, not an empty file");
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(unknown.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(session.StatusCode, Is.EqualTo(HttpStatusCode.OK), Tail(output));
            Assert.That(sessionJson.ValueKind == JsonValueKind.Object && sessionJson.GetProperty("admin").GetBoolean(), Is.True, "the admin token's session, as JSON");
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.OK), Tail(output));
            Assert.That(mine.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(mineText, Does.Contain("\"alice\""), "the session is alice's");
        }
    }

    [GeneratedRegex("<script[^>]*\\ssrc=\"(?<src>/[^\"]+\\.js)\"")]
    private static partial Regex ScriptSource();

    private static string Tail(System.Text.StringBuilder output)
    {
        lock (output)
        {
            var text = output.ToString();
            return text.Length <= 8_000 ? text : "..." + text[^8_000..];
        }
    }

    private static async Task SeedAsync(PortalDatabase database)
    {
        await using var connection = await database.Databases.Uic.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlCommand("INSERT INTO `user` (id, name, passwd, role, phone, email, im) VALUES (1, 'alice', @hash, 0, '', '', '')", connection);
        command.Parameters.AddWithValue("@hash", PasswordHash.Hash(Salt, "alice-secret"));
        await command.ExecuteNonQueryAsync();
    }
}
