using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Falcon.Tests.Integration.Roles.Alarm.Routing;

namespace Falcon.Tests.Integration.Roles.Console;

/// <summary>`POST /api/strategies/{id}/test`: the console's test-fire, through the alarm role's dry run, sends nothing.</summary>
[Category("Integration")]
public sealed class TestFireTests
{
    private ConsoleStack _stack = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _stack = await ConsoleStack.StartAsync();
        // Strategy 10 in ops-tpl (template 7, action 1: team ops, alice and carol), bound to web-01's group.
        await AlarmIntake.ExecuteAsync(_stack.Database.Databases.Portal, """
            INSERT INTO strategy (id, metric, tags, func, op, right_value, max_step, priority, note, tpl_id) VALUES (10, 'cpu.idle', '', 'all(#1)', '<', '101', 3, 0, '', 7);
            INSERT INTO host (id, hostname) VALUES (1, 'web-01');
            INSERT INTO grp (id, grp_name) VALUES (1, 'web');
            INSERT INTO grp_host (grp_id, host_id) VALUES (1, 1);
            INSERT INTO grp_tpl (grp_id, tpl_id) VALUES (1, 7);
            """);
        _http = new HttpClient { BaseAddress = _stack.HttpAddress };
        _http.DefaultRequestHeaders.Authorization = new("Bearer", ConsoleStack.AdminToken);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _stack.StopAllAsync();
    }

    [Test]
    public async Task TestFire_ShowsTheTeamAndChannels_AndSendsNothing()
    {
        using var response = await _http.PostAsJsonAsync("api/strategies/10/test", new { endpoint = "web-01" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        var answer = JsonDocument.Parse(body).RootElement;

        var recipients = answer.GetProperty("recipients").EnumerateArray()
            .ToDictionary(r => r.GetProperty("user").GetString()!, r => r.GetProperty("channels").EnumerateArray().Select(c => c.GetString()).ToArray());
        Assert.Multiple(async () =>
        {
            Assert.That(answer.GetProperty("template").GetString(), Is.EqualTo("ops-tpl"));
            Assert.That(recipients.Keys, Is.EquivalentTo(new[] { "alice", "carol" }));
            Assert.That(recipients["alice"], Is.EqualTo(new[] { "im" }), "alice has only an IM id");
            Assert.That(_stack.Im.RequestCount, Is.Zero);
            Assert.That(Convert.ToInt64(await _stack.AlarmsScalarAsync("SELECT COUNT(*) FROM event_cases"), System.Globalization.CultureInfo.InvariantCulture), Is.Zero);
        });
    }

    [TestCase("999", """{"endpoint":"web-01"}""", HttpStatusCode.NotFound, "no strategy 999")]
    [TestCase("abc", """{"endpoint":"web-01"}""", HttpStatusCode.NotFound, "not a strategy id")]
    [TestCase("10", """{"endpoint":" "}""", HttpStatusCode.BadRequest, "give the host")]
    [TestCase("10", """{"endpoint":""", HttpStatusCode.BadRequest, "is not {\"endpoint\"")]
    public async Task TestFire_OfBadInput_AnswersWithAMessage(string id, string body, HttpStatusCode status, string message)
    {
        using var response = await _http.PostAsync($"api/strategies/{id}/test", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status));
            Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("msg").GetString(), Does.Contain(message));
        });
    }
}
