using System.Net;
using Falcon.Roles.Console.Config.Rules;
using Microsoft.Extensions.DependencyInjection;

namespace Falcon.Tests.Integration.Roles.Console.Config.Rules;

/// <summary>Expressions and aggregates through the console API: the hbs and aggregator rules refuse on the field, changes are audited and round-trip.</summary>
[Category("Integration")]
[NonParallelizable]
public sealed class ExpressionAggregateApiTests
{
    private static ConsoleStack _stack = null!;
    private static RulesApiClient _admin = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _stack = await ConsoleStack.StartAsync();
        _admin = RulesApiClient.Admin(_stack);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _admin.Dispose();
        await _stack.StopAllAsync();
    }

    private static string Expression(string text, string rightValue = "10", string action = """{"teams":["ops"]}""") =>
        $$"""{"expression":"{{text}}","func":"all(#3)","op":"<","rightValue":"{{rightValue}}","maxStep":2,"priority":1,"note":"n","pause":false,"action":{{action}}}""";

    [TestCase("each(metric=cpu.idle)", "10", "expression", "does not parse as hbs reads it")]
    [TestCase("each(cpu.idle endpoint=h1)", "10", "expression", "does not parse")]
    [TestCase("each(metric=cpu.idle endpoint=h1)", "abc", "rightValue", "is not a number")]
    [TestCase("each(metric=cpu.idle endpoint=h1)", "12345678901234567", "rightValue", "at most 16 fit")]
    public async Task Expression_RefusesWhatHbsOrTheJudgeWouldSkip(string text, string rightValue, string field, string message)
    {
        var (status, body) = await _admin.PostAsync("/api/expressions", Expression(text, rightValue));

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
        Assert.That(body.GetProperty("field").GetString(), Is.EqualTo(field));
        Assert.That(body.GetProperty("msg").GetString(), Does.Contain(message));
    }

    [Test]
    public async Task Expression_NeedsAnAction()
    {
        var (status, body) = await _admin.PostAsync("/api/expressions", Expression("each(metric=cpu.idle endpoint=no-action)", action: "null"));

        Assert.That((status, body.GetProperty("field").GetString()), Is.EqualTo((HttpStatusCode.BadRequest, "action")));
    }

    [Test]
    public async Task Expression_IsCreatedEditedAndDeleted_AuditedByItsText_AndRoundTrips()
    {
        var text = $"each(metric=cpu.idle endpoint=e-{Guid.NewGuid():N})"[..50] + ")";
        var (created, body) = await _admin.PostAsync("/api/expressions", Expression(text));
        Assert.That(created, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        var id = body.GetProperty("id").GetInt64();
        var (duplicate, _) = await _admin.PostAsync("/api/expressions", Expression(text));
        Assert.That(duplicate, Is.EqualTo(HttpStatusCode.BadRequest), "one expression per text");

        var (edited, editedBody) = await _admin.PutAsync($"/api/expressions/{id}", Expression(text, "20"));
        Assert.That(edited, Is.EqualTo(HttpStatusCode.OK), editedBody.ToString());
        Assert.That(editedBody.GetProperty("id").GetInt64(), Is.EqualTo(id));

        var kind = _stack.Services.GetRequiredService<ExpressionKind>();
        await using (var connection = await _stack.Database.Databases.Portal.OpenConnectionAsync(CancellationToken.None))
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var json = await kind.ReadAsync(connection, transaction, text, CancellationToken.None);
            await kind.WriteAsync(connection, transaction, text, json, "test", CancellationToken.None);
            Assert.That(await kind.ReadAsync(connection, transaction, text, CancellationToken.None), Is.EqualTo(json));
            Assert.That(json, Does.Contain("\"rightValue\":\"20\"").And.Contain("\"teams\":[\"ops\"]"));
        }

        var (deleted, _) = await _admin.DeleteAsync($"/api/expressions/{id}");
        Assert.That(deleted, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await _stack.Database.ScalarAsync($"SELECT COUNT(*) FROM expression WHERE id = {id}"), Is.EqualTo(0L));
        Assert.That(await _stack.Database.ScalarAsync($"SELECT GROUP_CONCAT(action ORDER BY id) FROM falcon_audit WHERE kind = 'expression' AND object = '{text}'"),
            Is.EqualTo("create,update,delete"));
    }

    [TestCase("""{"name":"agg-bad","targetKind":"cluster","target":"web","counter":"cpu.idle"}""", "targetKind", "unknown target kind")]
    [TestCase("""{"name":"agg-bad","targetKind":"selector","target":"{idc=\"bj\"}","counter":"cpu.idle"}""", "target", "without braces")]
    [TestCase("""{"name":"agg-bad","target":"web","counter":"/iface=eth0"}""", "counter", "names no metric")]
    [TestCase("""{"name":"agg-bad","target":"web","counter":"cpu.idle","methods":["sum","p95"]}""", "methods", "unknown method 'p95'")]
    [TestCase("""{"name":"agg-bad","target":"web","counter":"cpu.idle","step":0}""", "step", "1 or more")]
    [TestCase("""{"name":"","target":"web","counter":"cpu.idle"}""", "name", "needs a name")]
    public async Task Aggregate_RefusesWhatTheAggregatorWouldSkip(string json, string field, string message)
    {
        var (status, body) = await _admin.PostAsync("/api/aggregates", json);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
        Assert.That(body.GetProperty("field").GetString(), Is.EqualTo(field));
        Assert.That(body.GetProperty("msg").GetString(), Does.Contain(message));
    }

    [Test]
    public async Task Aggregate_IsCreatedRenamedAndDeleted_WithTheAggregatorsColumns()
    {
        var name = "agg-" + Guid.NewGuid().ToString("N")[..6];
        var (created, body) = await _admin.PostAsync("/api/aggregates",
            $$"""{"name":"{{name}}","targetKind":"group","target":"web","counter":"net.if.in.bytes/iface=eth0","methods":["SUM","p99"],"step":30}""");
        Assert.That(created, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        Assert.That(body.GetProperty("targetKind").GetString(), Is.EqualTo("falcon_group"));
        Assert.That(await _stack.Database.ScalarAsync($"SELECT CONCAT(target_kind, '|', methods, '|', step, '|', endpoint IS NULL) FROM falcon_aggregate WHERE name = '{name}'"),
            Is.EqualTo("falcon_group|sum,p99|30|1"), "empty endpoint stored as NULL: the fork's default naming");

        var renamed = name + "-b";
        var (put, putBody) = await _admin.PutAsync($"/api/aggregates/{name}", $$"""{"name":"{{renamed}}","target":"web","counter":"cpu.idle","enabled":false}""");
        Assert.That(put, Is.EqualTo(HttpStatusCode.OK), putBody.ToString());
        var (got, gotBody) = await _admin.GetAsync($"/api/aggregates/{renamed}");
        Assert.That((got, gotBody.GetProperty("enabled").GetBoolean()), Is.EqualTo((HttpStatusCode.OK, false)));

        var (deleted, _) = await _admin.DeleteAsync($"/api/aggregates/{renamed}");
        Assert.That(deleted, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await _stack.Database.ScalarAsync($"SELECT GROUP_CONCAT(CONCAT(action, ':', object) ORDER BY id) FROM falcon_audit WHERE kind = 'aggregate' AND object LIKE '{name}%'"),
            Is.EqualTo($"create:{name},update:{renamed},delete:{renamed}"));
    }

    [Test]
    public async Task Help_ExplainsEveryFunctionWithAnExample()
    {
        var (status, body) = await _admin.GetAsync("/api/rules/help");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        var all = body.GetProperty("func").EnumerateArray().First(f => f.GetProperty("name").GetString() == "all");
        Assert.That(all.GetProperty("example").GetString(), Is.EqualTo("all(#3)"));
        Assert.That(all.GetProperty("meaning").GetString(), Is.EqualTo("true when the last 3 values all pass the comparison"));
        Assert.That(body.GetProperty("func").GetArrayLength(), Is.EqualTo(Falcon.Shared.Model.Strategies.FunctionText.Names.Count), "one explanation per function the judge knows");
        Assert.That(body.GetProperty("maxStep").GetString(), Does.Contain("1 or more"));
    }
}
