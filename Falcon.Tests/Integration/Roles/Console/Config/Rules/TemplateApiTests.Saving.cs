using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Falcon.Tests.Integration.Roles.Console.Config.Rules;

public sealed partial class TemplateApiTests
{
    [Test]
    public async Task Template_RoundTrips_WriteOfReadGivesTheSameText()
    {
        var parent = await NewTemplateAsync(_admin);
        var name = await NewTemplateAsync(_admin, parent: parent);
        await _admin.PostAsync($"/api/templates/{name}/strategies", Strategy(metric: "net.if.in.bytes", tags: "iface=eth0", func: "avg(#5)", op: ">", rightValue: "1e9", note: "入流量过高"));
        await _admin.PostAsync($"/api/templates/{name}/strategies", Strategy(metric: "cpu.idle", runBegin: "22:00", runEnd: "06:00"));
        var (put, putBody) = await _admin.PutAsync($"/api/templates/{name}/action",
            """{"teams":["OPS","dba"],"url":"http://cb.example.com/x","callback":true,"afterCallbackSms":true,"phone":false,"groupChats":["chat-b","chat-a"],"escalations":[{"afterMinutes":15,"teams":["dba"]},{"afterMinutes":45,"teams":["ops","dba"]}]}""");
        Assert.That(put, Is.EqualTo(HttpStatusCode.OK), putBody.ToString());
        Assert.That(putBody.GetProperty("teams").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "ops", "dba" }), "teams as uic spells them");
        Assert.That(await _stack.Database.ScalarAsync($"SELECT a.uic FROM action a JOIN tpl t ON t.action_id = a.id WHERE t.tpl_name = '{name}'"), Is.EqualTo("ops,dba"), "action.uic as open-falcon stores it");

        var first = await InTransactionAsync((c, t) => Kind.ReadAsync(c, t, name, CancellationToken.None));
        var ids = await StrategyIdsAsync(name);
        await InTransactionAsync(async (c, t) => { await Kind.WriteAsync(c, t, name, first, "test", CancellationToken.None); return 0; });
        var second = await InTransactionAsync((c, t) => Kind.ReadAsync(c, t, name, CancellationToken.None));

        Assert.That(second, Is.EqualTo(first));
        Assert.That(await StrategyIdsAsync(name), Is.EqualTo(ids), "writing the same JSON touches no strategy row");
        using var json = JsonDocument.Parse(first!);
        Assert.That(json.RootElement.GetProperty("parent").GetString(), Is.EqualTo(parent));
        Assert.That(json.RootElement.GetProperty("strategies").EnumerateArray().Select(s => s.GetProperty("metric").GetString()), Is.EqualTo(new[] { "cpu.idle", "net.if.in.bytes" }), "sorted by metric");
        Assert.That(json.RootElement.GetProperty("strategies")[0].TryGetProperty("id", out _), Is.False, "no ids in the audited JSON");
        Assert.That(first, Does.Contain("入流量过高"), "non-ASCII text written as itself");
        Assert.That(json.RootElement.GetProperty("action").GetProperty("phone").GetBoolean(), Is.False);
    }

    [Test]
    public async Task StrategyId_StaysWhenEditedInPlace_ThroughTheRouteAndThroughTheWholeTemplate()
    {
        var name = await NewTemplateAsync(_admin);
        var (_, created) = await _admin.PostAsync($"/api/templates/{name}/strategies", Strategy(metric: "cpu.idle", rightValue: "10"));
        await _admin.PostAsync($"/api/templates/{name}/strategies", Strategy(metric: "mem.memfree.percent", rightValue: "5"));
        var id = created.GetProperty("id").GetInt64();

        var (status, edited) = await _admin.PutAsync($"/api/strategies/{id}", Strategy(metric: "cpu.idle", rightValue: "20", priority: 1));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), edited.ToString());
        Assert.That(await _stack.Database.ScalarAsync($"SELECT right_value FROM strategy WHERE id = {id}"), Is.EqualTo("20"));

        var json = await InTransactionAsync((c, t) => Kind.ReadAsync(c, t, name, CancellationToken.None));
        var changed = json!.Replace("\"rightValue\":\"20\"", "\"rightValue\":\"30\"", StringComparison.Ordinal);
        Assert.That(changed, Is.Not.EqualTo(json));
        await InTransactionAsync(async (c, t) => { await Kind.WriteAsync(c, t, name, changed, "test", CancellationToken.None); return 0; });

        Assert.That(await _stack.Database.ScalarAsync($"SELECT right_value FROM strategy WHERE id = {id}"), Is.EqualTo("30"), "the same row, edited");
        Assert.That((await StrategyIdsAsync(name)).Count, Is.EqualTo(2));
    }

    [Test]
    public async Task EveryChange_WritesAnAuditRowWithOldAndNewJson()
    {
        var name = await NewTemplateAsync(_admin);
        var (_, created) = await _admin.PostAsync($"/api/templates/{name}/strategies", Strategy(rightValue: "10"));
        await _admin.PutAsync($"/api/strategies/{created.GetProperty("id").GetInt64()}", Strategy(rightValue: "15"));
        await _admin.PutAsync($"/api/strategies/{created.GetProperty("id").GetInt64()}", Strategy(rightValue: "15")); // no change: no row

        var rows = await AuditAsync(name);

        Assert.That(rows.Select(r => r.Action), Is.EqualTo(new[] { "create", "update", "update" }));
        Assert.That(rows.All(r => r.Actor == "admin-token"));
        Assert.That(rows[0].Old, Is.Null);
        Assert.That(rows[1].Old, Is.EqualTo(rows[0].New));
        Assert.That(rows[2].Old, Does.Contain("\"rightValue\":\"10\""));
        Assert.That(rows[2].New, Does.Contain("\"rightValue\":\"15\""));
    }

    [Test]
    public async Task OnlyTheCreatorOrAnAdmin_ChangesATemplate()
    {
        using var alice = await RulesApiClient.SignInAsync(_stack, "alice", ConsoleStack.AlicePassword);
        using var bob = await RulesApiClient.SignInAsync(_stack, "bob", "bob-secret");
        using var root = await RulesApiClient.SignInAsync(_stack, "root", "root-secret");
        var name = await NewTemplateAsync(alice);
        var (_, created) = await alice.PostAsync($"/api/templates/{name}/strategies", Strategy());

        var (byBob, bobBody) = await bob.PostAsync($"/api/templates/{name}/strategies", Strategy());
        var (bobEdit, _) = await bob.PutAsync($"/api/strategies/{created.GetProperty("id").GetInt64()}", Strategy(rightValue: "1"));
        var (bobDelete, _) = await bob.DeleteAsync($"/api/templates/{name}");
        var (byRoot, _) = await root.PutAsync($"/api/strategies/{created.GetProperty("id").GetInt64()}", Strategy(rightValue: "2"));

        Assert.That((byBob, bobEdit, bobDelete), Is.EqualTo((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)));
        Assert.That(bobBody.GetProperty("msg").GetString(), Does.Contain("alice"));
        Assert.That(byRoot, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await AuditAsync(name)).Select(r => r.Actor), Is.EqualTo(new[] { "alice", "alice", "root" }));
    }

    [Test]
    public async Task ACrossSitePost_IsRefused()
    {
        using var alice = await RulesApiClient.SignInAsync(_stack, "alice", ConsoleStack.AlicePassword);
        var name = await NewTemplateAsync(alice);

        alice.SendCsrf = false;
        var (noToken, _) = await alice.PostAsync($"/api/templates/{name}/strategies", Strategy());
        alice.SendCsrf = true;
        alice.Origin = "https://evil.example.com";
        var (otherOrigin, _) = await alice.PostAsync($"/api/templates/{name}/strategies", Strategy());

        Assert.That((noToken, otherOrigin), Is.EqualTo((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)));
        Assert.That(await _stack.Database.ScalarAsync($"SELECT COUNT(*) FROM strategy s JOIN tpl t ON t.id = s.tpl_id WHERE t.tpl_name = '{name}'"), Is.EqualTo(0L));
    }

    [Test]
    public async Task Action_RefusesTeamsUicDoesNotKnow_AndBadSteps()
    {
        var name = await NewTemplateAsync(_admin);

        var (team, teamBody) = await _admin.PutAsync($"/api/templates/{name}/action", """{"teams":["ops","nosuch"]}""");
        var (step, stepBody) = await _admin.PutAsync($"/api/templates/{name}/action", """{"teams":["ops"],"escalations":[{"afterMinutes":30,"teams":["dba"]},{"afterMinutes":10,"teams":["ops"]}]}""");
        var (url, urlBody) = await _admin.PutAsync($"/api/templates/{name}/action", """{"teams":["ops"],"callback":true}""");

        Assert.That((team, teamBody.GetProperty("field").GetString()), Is.EqualTo((HttpStatusCode.BadRequest, "teams")));
        Assert.That(teamBody.GetProperty("msg").GetString(), Does.Contain("nosuch"));
        Assert.That((step, stepBody.GetProperty("field").GetString()), Is.EqualTo((HttpStatusCode.BadRequest, "escalations")));
        Assert.That((url, urlBody.GetProperty("field").GetString()), Is.EqualTo((HttpStatusCode.BadRequest, "url")));
        Assert.That(await _stack.Database.ScalarAsync($"SELECT action_id FROM tpl WHERE tpl_name = '{name}'"), Is.EqualTo(0u), "no action written");
    }

    private static async Task<List<long>> StrategyIdsAsync(string template)
    {
        await using var connection = await Databases.Portal.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlConnector.MySqlCommand("SELECT s.id FROM strategy s JOIN tpl t ON t.id = s.tpl_id WHERE t.tpl_name = @n ORDER BY s.id", connection);
        command.Parameters.AddWithValue("@n", template);
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
        }

        return ids;
    }

    private static async Task<List<(string Actor, string Action, string? Old, string? New)>> AuditAsync(string template)
    {
        await using var connection = await Databases.Portal.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlConnector.MySqlCommand("SELECT actor, action, old_value, new_value FROM falcon_audit WHERE kind = 'template' AND object = @n ORDER BY id", connection);
        command.Parameters.AddWithValue("@n", template);
        var rows = new List<(string, string, string?, string?)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return rows;
    }
}
