using System.Net;
using System.Text.Json.Nodes;

namespace Falcon.Tests.Integration.Roles.Console.Config.Groups;

/// <summary>The host group API over real MariaDB and Redis: saves, audit rows, permissions, names and bindings.</summary>
[Category("Integration")]
[NonParallelizable]
public sealed partial class GroupsApiTests
{
    private static GroupsConsole _console = null!;
    private static ConsoleClient _alice = null!;
    private static ConsoleClient _bob = null!;
    private static ConsoleClient _root = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _console = await GroupsConsole.StartAsync();
        _alice = await ConsoleClient.SignInAsync(_console.HttpAddress, "alice");
        _bob = await ConsoleClient.SignInAsync(_console.HttpAddress, "bob");
        _root = await ConsoleClient.SignInAsync(_console.HttpAddress, "root");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _alice.Dispose();
        _bob.Dispose();
        _root.Dispose();
        await _console.StopAllAsync();
    }

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..6];

    private static async Task<List<(string Action, string Object, string? Old, string? New, string Actor)>> AuditAsync(string kind, params string[] objects)
    {
        var rows = new List<(string, string, string?, string?, string)>();
        await using var connection = await _console.Database.Databases.Portal.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlConnector.MySqlCommand(
            $"SELECT action, object, old_value, new_value, actor FROM falcon_audit WHERE kind = @kind AND object IN ({string.Join(',', objects.Select((_, i) => "@o" + i))}) ORDER BY id", connection);
        command.Parameters.AddWithValue("@kind", kind);
        for (var i = 0; i < objects.Length; i++)
        {
            command.Parameters.AddWithValue("@o" + i, objects[i]);
        }

        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4)));
        }

        return rows;
    }

    [Test]
    public async Task CreateRenameDelete_AreEachAuditedWithTheOldAndNewJson()
    {
        var name = Unique("shop-db");
        var renamed = name + "-renamed";
        var (created, group) = await _alice.PostAsync("/api/groups", new JsonObject { ["name"] = name, ["tags"] = new JsonArray("shop/db", "all") });
        Assert.That(created, Is.EqualTo(HttpStatusCode.Created), group?.ToJsonString());
        Assert.That(group!["creator"]!.GetValue<string>(), Is.EqualTo("alice"));
        Assert.That(group["tags"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "all", "shop/db" }), "tags sorted");
        Assert.That(await _console.PortalScalarAsync("SELECT come_from FROM grp WHERE grp_name = @n", ("@n", name)), Is.EqualTo(1), "console-made groups have come_from 1");

        var (status, after) = await _alice.PutAsync($"/api/groups/{name}", new JsonObject { ["name"] = renamed, ["tags"] = new JsonArray("shop/db") });
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), after?.ToJsonString());
        Assert.That((await _alice.GetAsync($"/api/groups/{name}")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await _alice.GetAsync($"/api/groups/{renamed}")).Body!["tags"]!.AsArray().Count, Is.EqualTo(1));

        Assert.That((await _alice.DeleteAsync($"/api/groups/{renamed}")).Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await _console.PortalScalarAsync("SELECT COUNT(*) FROM grp WHERE grp_name IN (@a, @b)", ("@a", name), ("@b", renamed)), Is.Zero);

        var audit = await AuditAsync("group", name, renamed);
        Assert.That(audit.Select(a => a.Action), Is.EqualTo(new[] { "create", "rename", "delete" }));
        Assert.That(audit[0].Old, Is.Null);
        Assert.That(audit[0].New, Is.EqualTo($$"""{"name":"{{name}}","creator":"alice","tags":["all","shop/db"],"hosts":[],"templates":[]}"""));
        Assert.That(audit[1].Object, Is.EqualTo(renamed), "a rename is recorded under the new name");
        Assert.That(audit[1].Old, Is.EqualTo(audit[0].New));
        Assert.That(audit[1].New, Is.EqualTo($$"""{"name":"{{renamed}}","creator":"alice","tags":["shop/db"],"hosts":[],"templates":[]}"""));
        Assert.That(audit[2].Old, Is.EqualTo(audit[1].New));
        Assert.That(audit[2].New, Is.Null);
        Assert.That(audit.Select(a => a.Actor), Is.All.EqualTo("alice"));
    }

    [Test]
    public async Task CreatingATakenName_Is409_AndBadNamesAre400OnTheNameField()
    {
        var name = Unique("dup");
        Assert.That((await _alice.PostAsync("/api/groups", new JsonObject { ["name"] = name })).Status, Is.EqualTo(HttpStatusCode.Created));
        var (status, body) = await _bob.PostAsync("/api/groups", new JsonObject { ["name"] = name.ToUpperInvariant() });
        Assert.That(status, Is.EqualTo(HttpStatusCode.Conflict), "MySQL compares group names ignoring case");
        Assert.That(body!["msg"]!.GetValue<string>(), Does.Contain("exists already"));

        foreach (var bad in new[] { "", " lead", "trail ", new string('x', 256), "tab\there" })
        {
            (status, body) = await _alice.PostAsync("/api/groups", new JsonObject { ["name"] = bad });
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), bad);
            Assert.That(body!["field"]!.GetValue<string>(), Is.EqualTo("name"), bad);
        }

        (status, body) = await _alice.PostAsync("/api/groups", new JsonObject { ["name"] = Unique("t"), ["tags"] = new JsonArray("shop//db") });
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body!["field"]!.GetValue<string>(), Is.EqualTo("tags"));
    }

    [Test]
    public async Task AFourByteName_IsRefusedOnTheNameField_WhileTheTablesAreUtf8()
    {
        var name = Unique("pay") + "\U0001F4B0";
        var (status, body) = await _alice.PostAsync("/api/groups", new JsonObject { ["name"] = name });
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body!["field"]!.GetValue<string>(), Is.EqualTo("name"));
        Assert.That(body["msg"]!.GetValue<string>(), Does.Contain("--utf8mb4"));
        Assert.That((await _alice.GetAsync("/api/groups/" + Uri.EscapeDataString(name))).Status, Is.EqualTo(HttpStatusCode.NotFound), "looking one up is a miss, not an error");

        var group = Unique("emoji-hosts");
        await _alice.PostAsync("/api/groups", new JsonObject { ["name"] = group });
        (status, body) = await _alice.PostAsync($"/api/groups/{group}/hosts", new JsonObject { ["hosts"] = new JsonArray("web-\U0001F600") });
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body!["field"]!.GetValue<string>(), Is.EqualTo("hosts"));
    }

    [Test]
    public async Task OnlyTheCreatorOrAnAdmin_MayChangeOrDeleteAGroup()
    {
        var name = Unique("alices");
        await _alice.PostAsync("/api/groups", new JsonObject { ["name"] = name });
        var (status, body) = await _bob.PutAsync($"/api/groups/{name}", new JsonObject { ["tags"] = new JsonArray("bob/was/here") });
        Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(body!["msg"]!.GetValue<string>(), Does.Contain("alice"));
        Assert.That((await _bob.DeleteAsync($"/api/groups/{name}")).Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await _bob.PostAsync($"/api/groups/{name}/hosts", new JsonObject { ["hosts"] = new JsonArray("h1") })).Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await _bob.PutAsync($"/api/groups/{name}/templates/none", null)).Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await AuditAsync("group", name)).Count, Is.EqualTo(1), "refused changes leave no audit row");

        Assert.That((await _root.PutAsync($"/api/groups/{name}", new JsonObject { ["tags"] = new JsonArray("ops") })).Status, Is.EqualTo(HttpStatusCode.OK), "uic role 2 is an admin");
        using var token = ConsoleClient.WithToken(_console.HttpAddress, GroupsConsole.AdminToken);
        Assert.That((await token.DeleteAsync($"/api/groups/{name}")).Status, Is.EqualTo(HttpStatusCode.OK), "the admin token is an admin");
        Assert.That((await AuditAsync("group", name)).Select(a => a.Actor), Is.EqualTo(new[] { "alice", "root", "admin-token" }));
    }

    [Test]
    public async Task AForgedCrossSitePost_IsRefused_AndChangesNothing()
    {
        var name = Unique("forged");
        var (status, _) = await _alice.SendAsync(HttpMethod.Post, "/api/groups", new JsonObject { ["name"] = name }, csrf: false);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden), "no CSRF header");
        (status, _) = await _alice.SendAsync(HttpMethod.Post, "/api/groups", new JsonObject { ["name"] = name }, origin: "https://evil.example.com");
        Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden), "a foreign Origin, even with the token");
        Assert.That(await _console.PortalScalarAsync("SELECT COUNT(*) FROM grp WHERE grp_name = @n", ("@n", name)), Is.Zero);
    }

    [Test]
    public async Task Hosts_AreAddedByNameAndPattern_AndRemovedByPattern()
    {
        var prefix = Unique("web");
        foreach (var i in Enumerable.Range(1, 3))
        {
            await _console.Database.ExecuteAsync("INSERT INTO host (hostname) VALUES (@h)", ("@h", $"{prefix}-{i}"));
        }

        await _console.Database.ExecuteAsync("INSERT INTO host (hostname) VALUES (@h)", ("@h", $"{prefix}x-db"));
        var name = Unique("web-group");
        await _alice.PostAsync("/api/groups", new JsonObject { ["name"] = name });
        var (status, body) = await _alice.PostAsync($"/api/groups/{name}/hosts", new JsonObject { ["hosts"] = new JsonArray($"{prefix}-1", $"{prefix}-new"), ["pattern"] = $"{prefix}-?" });
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body?.ToJsonString());
        Assert.That(Strings(body!["added"]), Is.EqualTo(new[] { $"{prefix}-1", $"{prefix}-2", $"{prefix}-3", $"{prefix}-new" }), "? is one character: the db host does not match");
        Assert.That(await _console.PortalScalarAsync("SELECT COUNT(*) FROM host WHERE hostname = @h", ("@h", $"{prefix}-new")), Is.EqualTo(1), "a named host without a row gets one");

        (status, body) = await _alice.PostAsync($"/api/groups/{name}/hosts", new JsonObject { ["pattern"] = $"{prefix}*" });
        Assert.That(Strings(body!["added"]), Is.EqualTo(new[] { $"{prefix}x-db" }));
        Assert.That(Strings(body["already"]), Has.Length.EqualTo(4));

        (status, body) = await _alice.PostAsync($"/api/groups/{name}/hosts", new JsonObject { ["pattern"] = "no-such-host-*" });
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body!["field"]!.GetValue<string>(), Is.EqualTo("pattern"));

        (status, body) = await _alice.PostAsync($"/api/groups/{name}/hosts/remove", new JsonObject { ["pattern"] = $"{prefix}-*" });
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Strings(body!["removed"]), Is.EqualTo(new[] { $"{prefix}-1", $"{prefix}-2", $"{prefix}-3", $"{prefix}-new" }));
        Assert.That(Strings((await _alice.GetAsync($"/api/groups/{name}")).Body!["hosts"]), Is.EqualTo(new[] { $"{prefix}x-db" }));
        Assert.That(await _console.PortalScalarAsync("SELECT COUNT(*) FROM host WHERE hostname LIKE @h", ("@h", prefix + "%")), Is.EqualTo(5), "removing from a group leaves the hosts");
        var list = (await _alice.GetAsync($"/api/groups?q={name}")).Body!.AsArray();
        Assert.That(list.Single()!["hosts"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public async Task APatternMatchingTooManyHosts_IsRefusedWithTheLimit()
    {
        var prefix = Unique("cap");
        await _console.Database.ExecuteAsync("INSERT INTO host (hostname) SELECT CONCAT(@p, seq) FROM seq_1_to_5001", ("@p", prefix + "-"));
        var name = Unique("cap-group");
        await _alice.PostAsync("/api/groups", new JsonObject { ["name"] = name });
        var (status, body) = await _alice.PostAsync($"/api/groups/{name}/hosts", new JsonObject { ["pattern"] = prefix + "-*" });
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body!["field"]!.GetValue<string>(), Is.EqualTo("pattern"));
        Assert.That(body["msg"]!.GetValue<string>(), Does.Contain("5000"));
        Assert.That(await _console.PortalScalarAsync("SELECT COUNT(*) FROM grp_host gh JOIN grp g ON g.id = gh.grp_id WHERE g.grp_name = @n", ("@n", name)), Is.Zero);
    }

    [Test]
    public async Task Templates_AreBoundAndUnbound_AndAMissingOneIsRefusedOnTemplates()
    {
        var template = Unique("tpl");
        await _console.Database.ExecuteAsync("INSERT INTO tpl (tpl_name, create_user) VALUES (@t, 'alice')", ("@t", template));
        var name = Unique("bind");
        await _alice.PostAsync("/api/groups", new JsonObject { ["name"] = name });
        var (status, body) = await _alice.PutAsync($"/api/groups/{name}/templates/{template}", null);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body?.ToJsonString());
        Assert.That(Strings(body!["templates"]), Is.EqualTo(new[] { template }));
        (status, _) = await _alice.PutAsync($"/api/groups/{name}/templates/{template}", null);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), "binding twice is fine");
        Assert.That(await _console.PortalScalarAsync("SELECT COUNT(*) FROM grp_tpl gt JOIN grp g ON g.id = gt.grp_id WHERE g.grp_name = @n", ("@n", name)), Is.EqualTo(1));
        Assert.That(await _console.PortalScalarAsync("SELECT COUNT(*) FROM grp_tpl gt JOIN grp g ON g.id = gt.grp_id WHERE g.grp_name = @n AND gt.bind_user = 'alice'", ("@n", name)), Is.EqualTo(1));

        (status, body) = await _alice.PutAsync($"/api/groups/{name}/templates/no-such-template", null);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body!["field"]!.GetValue<string>(), Is.EqualTo("templates"));

        (status, body) = await _alice.DeleteAsync($"/api/groups/{name}/templates/{template}");
        Assert.That(Strings(body!["templates"]), Is.Empty);
        Assert.That((await AuditAsync("group", name)).Select(a => a.Action), Is.EqualTo(new[] { "create", "update", "update" }), "the second bind changed nothing and wrote no row");
    }

    private static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];
}
