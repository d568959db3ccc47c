using System.Net;
using System.Text.Json.Nodes;

namespace Falcon.Tests.Integration.Roles.Console.Config.Groups;

public sealed partial class GroupsApiTests
{
    [Test]
    public async Task History_ListsChangesNewestFirst_AndRestoresAnEarlierVersion()
    {
        var name = Unique("hist");
        await _alice.PostAsync("/api/groups", new JsonObject { ["name"] = name, ["tags"] = new JsonArray("first") });
        await _alice.PutAsync($"/api/groups/{name}", new JsonObject { ["tags"] = new JsonArray("second") });
        var (status, history) = await _alice.GetAsync($"/api/history?kind=group&object={name}");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        var rows = history!.AsArray();
        Assert.That(rows.Select(r => r!["action"]!.GetValue<string>()), Is.EqualTo(new[] { "update", "create" }));
        Assert.That(rows[0]!["database"]!.GetValue<string>(), Is.EqualTo("portal"));
        Assert.That(rows[0]!["old"]!["tags"]![0]!.GetValue<string>(), Is.EqualTo("first"), "old and new are the JSON objects, ready to diff");

        var createId = rows[1]!["id"]!.GetValue<long>();
        (status, var restored) = await _alice.PostAsync($"/api/history/portal/{createId}/restore", null);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), restored?.ToJsonString());
        Assert.That(Strings(restored!["tags"]), Is.EqualTo(new[] { "first" }));
        var latest = (await _alice.GetAsync($"/api/history?object={name}&limit=1")).Body!.AsArray().Single()!;
        Assert.That(latest["action"]!.GetValue<string>(), Is.EqualTo("restore"));
        Assert.That(latest["actor"]!.GetValue<string>(), Is.EqualTo("alice"));
        Assert.That(Strings(latest["new"]!["tags"]), Is.EqualTo(new[] { "first" }));
    }

    [Test]
    public async Task Restore_OfADeletingRow_RecreatesTheGroupWithItsHostsAndTemplates()
    {
        var name = Unique("gone");
        var template = Unique("gone-tpl");
        await _console.Database.ExecuteAsync("INSERT INTO tpl (tpl_name, create_user) VALUES (@t, 'alice')", ("@t", template));
        await _alice.PostAsync("/api/groups", new JsonObject { ["name"] = name, ["tags"] = new JsonArray("x/y") });
        await _alice.PostAsync($"/api/groups/{name}/hosts", new JsonObject { ["hosts"] = new JsonArray(name + "-h1", name + "-h2") });
        await _alice.PutAsync($"/api/groups/{name}/templates/{template}", null);
        var before = (await _alice.GetAsync($"/api/groups/{name}")).Body!.ToJsonString();
        await _alice.DeleteAsync($"/api/groups/{name}");

        var deleted = (await _alice.GetAsync($"/api/history?object={name}&limit=1")).Body!.AsArray().Single()!;
        Assert.That(deleted["action"]!.GetValue<string>(), Is.EqualTo("delete"));
        Assert.That((await _bob.PostAsync($"/api/history/portal/{deleted["id"]}/restore", null)).Status, Is.EqualTo(HttpStatusCode.Forbidden), "restoring needs what editing needs");
        var (status, restored) = await _alice.PostAsync($"/api/history/portal/{deleted["id"]}/restore", null);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), restored?.ToJsonString());
        Assert.That((await _alice.GetAsync($"/api/groups/{name}")).Body!.ToJsonString(), Is.EqualTo(before));
    }

    [Test]
    public async Task Restore_OfADeletedGroup_BringsBackItsPluginDirectories_WhichARenameLeftAlone()
    {
        var name = Unique("plug");
        var renamed = name + "-renamed";
        await _alice.PostAsync("/api/groups", new JsonObject { ["name"] = name });
        // Set as open-falcon's api or dashboard did: the console does not edit plugins.
        await _console.Database.ExecuteAsync(
            "INSERT INTO plugin_dir (grp_id, dir, create_user) SELECT id, 'sys/ntp', 'root' FROM grp WHERE grp_name = @n UNION ALL SELECT id, 'nginx', 'root' FROM grp WHERE grp_name = @n",
            ("@n", name));
        var (renameStatus, _) = await _alice.PutAsync($"/api/groups/{name}", new JsonObject { ["name"] = renamed });
        var afterRename = (await _alice.GetAsync($"/api/groups/{renamed}")).Body!;
        await _alice.DeleteAsync($"/api/groups/{renamed}");
        var rowsWhileDeleted = await _console.PortalScalarAsync("SELECT COUNT(*) FROM plugin_dir WHERE dir IN ('sys/ntp', 'nginx') AND grp_id NOT IN (SELECT id FROM grp)");

        var deleted = (await _alice.GetAsync($"/api/history?object={renamed}&limit=1")).Body!.AsArray().Single()!;
        var (status, restored) = await _alice.PostAsync($"/api/history/portal/{deleted["id"]}/restore", null);

        Assert.Multiple(async () =>
        {
            Assert.That(renameStatus, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Strings(afterRename["plugins"]), Is.EqualTo(new[] { "nginx", "sys/ntp" }), "a change without plugins keeps them");
            Assert.That(rowsWhileDeleted, Is.Zero, "deleting the group removed them");
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), restored?.ToJsonString());
            Assert.That(Strings(restored!["plugins"]), Is.EqualTo(new[] { "nginx", "sys/ntp" }));
            Assert.That(
                await _console.PortalScalarAsync("SELECT COUNT(*) FROM plugin_dir p JOIN grp g ON g.id = p.grp_id WHERE g.grp_name = @n AND p.create_user = 'alice'", ("@n", renamed)),
                Is.EqualTo(2),
                "the rows are back, made by the person who restored them");
        });
    }

    [TestCase("../../etc")]
    [TestCase("/usr/local/plugins")]
    [TestCase("")]
    public async Task Restore_OfAGroupWhosePluginDirectoryLeavesThePluginRoot_Is400OnPlugins(string dir)
    {
        var name = Unique("evil-plug");
        var json = new JsonObject { ["name"] = name, ["creator"] = "alice", ["tags"] = new JsonArray(), ["hosts"] = new JsonArray(), ["templates"] = new JsonArray(), ["plugins"] = new JsonArray(dir) };
        await _console.Database.ExecuteAsync(
            "INSERT INTO falcon_audit (at, actor, action, kind, object, old_value, new_value) VALUES (UTC_TIMESTAMP(3), 'alice', 'create', 'group', @n, NULL, @j)",
            ("@n", name), ("@j", json.ToJsonString()));
        var id = await _console.PortalScalarAsync("SELECT MAX(id) FROM falcon_audit WHERE object = @n", ("@n", name));

        var (status, body) = await _alice.PostAsync($"/api/history/portal/{id}/restore", null);

        Assert.Multiple(async () =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body?.ToJsonString());
            Assert.That(body!["field"]!.GetValue<string>(), Is.EqualTo("plugins"));
            Assert.That(await _console.PortalScalarAsync("SELECT COUNT(*) FROM grp WHERE grp_name = @n", ("@n", name)), Is.Zero);
        });
    }

    [Test]
    public async Task AValidationErrorInARestore_WritesNothing_NotEvenTheHostRows()
    {
        var name = Unique("half");
        var template = Unique("half-tpl");
        var host = name + "-brand-new";
        await _console.Database.ExecuteAsync("INSERT INTO tpl (tpl_name, create_user) VALUES (@t, 'alice')", ("@t", template));
        await _alice.PostAsync("/api/groups", new JsonObject { ["name"] = name });
        await _alice.PostAsync($"/api/groups/{name}/hosts", new JsonObject { ["hosts"] = new JsonArray(host) });
        await _alice.PutAsync($"/api/groups/{name}/templates/{template}", null);
        await _alice.DeleteAsync($"/api/groups/{name}");
        // The template and the host disappear meanwhile: restoring would create the host row before finding the template gone.
        await _console.Database.ExecuteAsync("DELETE FROM tpl WHERE tpl_name = @t", ("@t", template));
        await _console.Database.ExecuteAsync("DELETE FROM host WHERE hostname = @h", ("@h", host));
        var rowsBefore = await _console.PortalScalarAsync("SELECT COUNT(*) FROM falcon_audit");

        var deleted = (await _alice.GetAsync($"/api/history?object={name}&limit=1")).Body!.AsArray().Single()!;
        var (status, body) = await _alice.PostAsync($"/api/history/portal/{deleted["id"]}/restore", null);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body!["field"]!.GetValue<string>(), Is.EqualTo("templates"));
        Assert.That(await _console.PortalScalarAsync("SELECT COUNT(*) FROM grp WHERE grp_name = @n", ("@n", name)), Is.Zero);
        Assert.That(await _console.PortalScalarAsync("SELECT COUNT(*) FROM host WHERE hostname = @h", ("@h", host)), Is.Zero, "the host row written before the error was rolled back");
        Assert.That(await _console.PortalScalarAsync("SELECT COUNT(*) FROM falcon_audit"), Is.EqualTo(rowsBefore), "no audit row");
    }

    [Test]
    public async Task Restore_OfAKindThatIsNoConfigurationObject_Is400()
    {
        await _console.Database.ExecuteAsync(
            "INSERT INTO falcon_audit (at, actor, action, kind, object, old_value, new_value) VALUES (UTC_TIMESTAMP(3), 'alice', 'silence', 'silence', 'web-1', NULL, '{}')");
        var id = await _console.PortalScalarAsync("SELECT MAX(id) FROM falcon_audit WHERE kind = 'silence'");
        var (status, body) = await _root.PostAsync($"/api/history/portal/{id}/restore", null);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body!["msg"]!.GetValue<string>(), Does.Contain("silence"));
        Assert.That((await _root.PostAsync("/api/history/elsewhere/1/restore", null)).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task HostStrategies_NameTheGroupAndTheTemplateChain_AsHbsInheritsThem()
    {
        var host = Unique("strat-host");
        var parent = Unique("base");
        var child = Unique("child");
        await _console.Database.ExecuteAsync("INSERT INTO tpl (tpl_name, create_user) VALUES (@p, 'alice')", ("@p", parent));
        await _console.Database.ExecuteAsync("INSERT INTO tpl (tpl_name, parent_id, create_user) SELECT @c, id, 'alice' FROM tpl WHERE tpl_name = @p", ("@c", child), ("@p", parent));
        await _console.Database.ExecuteAsync(
            """
            INSERT INTO strategy (metric, tags, max_step, priority, func, op, right_value, note, tpl_id)
            SELECT 'cpu.idle', '', 3, 1, 'all(#3)', '<', '10', 'parent cpu', id FROM tpl WHERE tpl_name = @p
            UNION ALL SELECT 'mem.memfree.percent', '', 3, 2, 'all(#1)', '<', '5', 'parent mem', id FROM tpl WHERE tpl_name = @p
            UNION ALL SELECT 'cpu.idle', '', 1, 0, 'all(#1)', '<', '1', 'child cpu', id FROM tpl WHERE tpl_name = @c
            """, ("@p", parent), ("@c", child));
        await _console.Database.ExecuteAsync(
            "INSERT INTO expression (expression, func, op, right_value, max_step, priority, note, action_id, pause) VALUES (@e, 'all(#1)', '>', '100', 1, 0, 'net', 1, 0)",
            ("@e", $"each(metric=net.if.in.bytes endpoint={host})"));
        var group = Unique("strat-group");
        await _alice.PostAsync("/api/groups", new JsonObject { ["name"] = group });
        await _alice.PostAsync($"/api/groups/{group}/hosts", new JsonObject { ["hosts"] = new JsonArray(host) });
        await _alice.PutAsync($"/api/groups/{group}/templates/{child}", null);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await _alice.PutAsync($"/api/hosts/{host}/maintenance", new JsonObject { ["begin"] = now, ["end"] = now + 600 });

        JsonNode? answer = null;
        await WaitForAsync(() =>
        {
            answer = _alice.GetAsync($"/api/hosts/{host}/strategies").GetAwaiter().GetResult().Body;
            return answer?["strategies"]?.AsArray().Count == 2;
        });
        var strategies = answer!["strategies"]!.AsArray().OrderBy(s => s!["strategy"]!["metric"]!.GetValue<string>(), StringComparer.Ordinal).ToArray();
        Assert.That(strategies[0]!["strategy"]!["note"]!.GetValue<string>(), Is.EqualTo("child cpu"), "the child's cpu.idle overrides its parent's");
        Assert.That(Strings(strategies[0]!["via"]), Is.EqualTo(new[] { child }));
        Assert.That(strategies[1]!["strategy"]!["note"]!.GetValue<string>(), Is.EqualTo("parent mem"));
        Assert.That(strategies[1]!["strategy"]!["func"]!.GetValue<string>(), Is.EqualTo("all(#1)"));
        Assert.That(Strings(strategies[1]!["via"]), Is.EqualTo(new[] { child, parent }), "inherited from the parent through the bound child");
        Assert.That(strategies.Select(s => s!["group"]!.GetValue<string>()), Is.All.EqualTo(group));
        Assert.That(strategies.Select(s => s!["template"]!.GetValue<string>()), Is.All.EqualTo(child));
        Assert.That(answer["expressions"]!.AsArray().Single()!["note"]!.GetValue<string>(), Is.EqualTo("net"));
        Assert.That(answer["maintenance"]!["end"]!.GetValue<long>(), Is.EqualTo(now + 600));
        Assert.That((await _alice.GetAsync("/api/hosts/no-such-host-y/strategies")).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
