using System.Net;
using System.Text.Json;
using Falcon.Roles.Console.Config.Rules;
using Falcon.Shared.Portal;
using Microsoft.Extensions.DependencyInjection;

namespace Falcon.Tests.Integration.Roles.Console.Config.Rules;

/// <summary>
/// Templates, strategies and actions through the console API over real MariaDB and Redis: every field the judge would
/// refuse is refused on that field, ids stay across edits, each change is audited, and only the creator or an admin
/// changes a template.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed partial class TemplateApiTests
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

    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private static async Task<string> NewTemplateAsync(RulesApiClient client, string? parent = null)
    {
        var name = NewName("tpl");
        var parentJson = parent is null ? "null" : $"\"{parent}\"";
        var (status, body) = await client.PostAsync("/api/templates", $$"""{"name":"{{name}}","parent":{{parentJson}}}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        return name;
    }

    private static string Strategy(string metric = "cpu.idle", string func = "all(#3)", string op = "<", string rightValue = "10", int maxStep = 3, int priority = 2,
        string runBegin = "", string runEnd = "", string note = "", string tags = "") =>
        JsonSerializer.Serialize(new StrategyDocument
        {
            Metric = metric, Tags = tags, Func = func, Op = op, RightValue = rightValue, MaxStep = maxStep, Priority = priority, RunBegin = runBegin, RunEnd = runEnd, Note = note,
        }, RulesJson.Context.StrategyDocument);

    [TestCase("rightValue", "abc", "rightValue", "is not a number")]
    [TestCase("func", "all(#0)", "func", "all(#3): true when the last 3 values all pass the comparison")]
    [TestCase("func", "foo(#3)", "func", "'foo' is not a function the judge knows")]
    [TestCase("func", "all#3", "func", "must look like name(#n)")]
    [TestCase("func", "lookup(#4,3)", "func", "can never fire")]
    [TestCase("op", "=<", "op", "use one of ==, !=, <, <=, >, >=")]
    [TestCase("maxStep", "0", "maxStep", "must be 1 or more")]
    [TestCase("priority", "9", "priority", "must be 0 to 5")]
    [TestCase("runBegin", "25:00", "runBegin", "HH:MM from 00:00 to 23:59")]
    [TestCase("runEnd", "", "runEnd", "give both runBegin and runEnd")]
    [TestCase("metric", "long", "metric", "at most 128 fit")]
    [TestCase("metric", "", "metric", "metric is empty")]
    [TestCase("tags", "mount", "tags", "is not k=v")]
    [TestCase("tags", "a=1,a=2", "tags", "given twice")]
    [TestCase("note", "long", "note", "at most 128 fit")]
    [TestCase("metric", "emoji", "metric", "utf8 table strategy cannot store")]
    public async Task AddStrategy_RefusesWhatTheJudgeWouldNotRun_OnTheField(string what, string value, string field, string message)
    {
        var name = await NewTemplateAsync(_admin);
        var json = what switch
        {
            "rightValue" => Strategy(rightValue: value),
            "func" => Strategy(func: value),
            "op" => Strategy(op: value),
            "maxStep" => Strategy(maxStep: int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)),
            "priority" => Strategy(priority: int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)),
            "runBegin" => Strategy(runBegin: value, runEnd: "08:00"),
            "runEnd" => Strategy(runBegin: "22:00", runEnd: value),
            "metric" => Strategy(metric: value switch { "long" => new string('m', 129), "emoji" => "cpu.\U0001F600", _ => value }),
            "tags" => Strategy(tags: value),
            "note" => Strategy(note: new string('n', 129)),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };

        var (status, body) = await _admin.PostAsync($"/api/templates/{name}/strategies", json);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
        Assert.That(body.GetProperty("field").GetString(), Is.EqualTo(field));
        Assert.That(body.GetProperty("msg").GetString(), Does.Contain(message));
        Assert.That(await _stack.Database.ScalarAsync($"SELECT COUNT(*) FROM strategy s JOIN tpl t ON t.id = s.tpl_id WHERE t.tpl_name = '{name}'"), Is.EqualTo(0L), "nothing written");
    }

    [Test]
    public async Task AddStrategy_AcceptsEveryFunctionTheJudgeEvaluates_AndNormalisesTags()
    {
        var name = await NewTemplateAsync(_admin);
        foreach (var func in new[] { "all(#1)", "max(#3)", "min(#3)", "avg(#5)", "sum(#2)", "diff(#3)", "pdiff(#3)", "lookup(#2,3)", "stddev(#10)", "kdiff(#2,3)", "kpdiff(#2,3)" })
        {
            var (status, body) = await _admin.PostAsync($"/api/templates/{name}/strategies", Strategy(func: func, op: ">=", rightValue: "-1.5e2", tags: " mount = / , fstype=ext4"));
            Assert.That(status, Is.EqualTo(HttpStatusCode.Created), $"{func}: {body}");
            Assert.That(body.GetProperty("tags").GetString(), Is.EqualTo("mount=/,fstype=ext4"));
        }
    }

    [Test]
    public async Task Parent_RefusesALoop_AndTheTemplateItself()
    {
        var a = await NewTemplateAsync(_admin);
        var b = await NewTemplateAsync(_admin, parent: a);
        var c = await NewTemplateAsync(_admin, parent: b);

        var (loop, loopBody) = await _admin.PutAsync($"/api/templates/{a}", $$"""{"name":"{{a}}","parent":"{{c}}"}""");
        var (self, selfBody) = await _admin.PutAsync($"/api/templates/{a}", $$"""{"parent":"{{a}}"}""");
        var (missing, missingBody) = await _admin.PutAsync($"/api/templates/{a}", """{"parent":"no-such-template"}""");

        Assert.That((loop, loopBody.GetProperty("field").GetString()), Is.EqualTo((HttpStatusCode.BadRequest, "parent")), loopBody.ToString());
        Assert.That(loopBody.GetProperty("msg").GetString(), Does.Contain("loop"));
        Assert.That((self, selfBody.GetProperty("field").GetString()), Is.EqualTo((HttpStatusCode.BadRequest, "parent")));
        Assert.That((missing, missingBody.GetProperty("field").GetString()), Is.EqualTo((HttpStatusCode.BadRequest, "parent")));
        var (_, details) = await _admin.GetAsync($"/api/templates/{c}");
        Assert.That(details.GetProperty("inherited").EnumerateArray().Select(i => i.GetProperty("template").GetString()), Is.EqualTo(new[] { b, a }), "nearest parent first");
    }

    [Test]
    public async Task Parent_RefusesAChainHbsWouldDrop()
    {
        var names = new List<string> { await NewTemplateAsync(_admin) };
        for (var i = 1; i < 9; i++)
        {
            names.Add(await NewTemplateAsync(_admin, parent: names[^1]));
        }

        var (status, body) = await _admin.PostAsync("/api/templates", $$"""{"name":"{{NewName("deep")}}","parent":"{{names[^1]}}"}""");

        Assert.That((status, body.GetProperty("field").GetString()), Is.EqualTo((HttpStatusCode.BadRequest, "parent")), body.ToString());
        Assert.That(body.GetProperty("msg").GetString(), Does.Contain("10 templates"));
    }

    [Test]
    public async Task Delete_IsRefusedWhileAChildInherits_AndThenRemovesStrategiesActionAndBindings()
    {
        var parent = await NewTemplateAsync(_admin);
        var child = await NewTemplateAsync(_admin, parent: parent);
        await _admin.PostAsync($"/api/templates/{parent}/strategies", Strategy());
        await _admin.PutAsync($"/api/templates/{parent}/action", """{"teams":["ops"],"groupChats":["chat-1"],"escalations":[{"afterMinutes":30,"teams":["dba"]}]}""");
        var id = Convert.ToInt64(await _stack.Database.ScalarAsync($"SELECT id FROM tpl WHERE tpl_name = '{parent}'"), System.Globalization.CultureInfo.InvariantCulture);
        var actionId = Convert.ToInt64(await _stack.Database.ScalarAsync($"SELECT action_id FROM tpl WHERE id = {id}"), System.Globalization.CultureInfo.InvariantCulture);
        await _stack.Database.ExecuteAsync($"INSERT INTO grp (grp_name) VALUES ('{parent}-g')");
        await _stack.Database.ExecuteAsync($"INSERT INTO grp_tpl (grp_id, tpl_id) SELECT id, {id} FROM grp WHERE grp_name = '{parent}-g'");

        var (refused, refusedBody) = await _admin.DeleteAsync($"/api/templates/{parent}");
        Assert.That(refused, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(refusedBody.GetProperty("msg").GetString(), Does.Contain(child));

        Assert.That((await _admin.DeleteAsync($"/api/templates/{child}")).Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await _admin.DeleteAsync($"/api/templates/{parent}")).Status, Is.EqualTo(HttpStatusCode.OK));
        foreach (var sql in new[]
        {
            $"SELECT COUNT(*) FROM tpl WHERE id = {id}", $"SELECT COUNT(*) FROM strategy WHERE tpl_id = {id}", $"SELECT COUNT(*) FROM grp_tpl WHERE tpl_id = {id}",
            $"SELECT COUNT(*) FROM action WHERE id = {actionId}", $"SELECT COUNT(*) FROM action_im_group WHERE action_id = {actionId}",
            $"SELECT COUNT(*) FROM falcon_action_escalation WHERE action_id = {actionId}",
        })
        {
            Assert.That(await _stack.Database.ScalarAsync(sql), Is.EqualTo(0L), sql);
        }
    }

    private static async Task<T> InTransactionAsync<T>(Func<MySqlConnector.MySqlConnection, MySqlConnector.MySqlTransaction, Task<T>> work)
    {
        await using var connection = await _stack.Database.Databases.Portal.OpenConnectionAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        var result = await work(connection, transaction);
        await transaction.CommitAsync();
        return result;
    }

    private static TemplateKind Kind => _stack.Services.GetRequiredService<TemplateKind>();

    private static FalconDatabases Databases => _stack.Database.Databases;
}
