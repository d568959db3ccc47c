using System.Net;
using System.Text.Json.Nodes;
using StackExchange.Redis;

namespace Falcon.Tests.Integration.Roles.Console.Config.Groups;

public sealed partial class GroupsApiTests
{
    [Test]
    public async Task Tree_NestsGroupsByTagPath_AndCountsOpenAlarmsOfDistinctHosts()
    {
        var top = Unique("tree");
        var db = Unique("db");
        var web = Unique("web");
        var loose = Unique("loose");
        await _alice.PostAsync("/api/groups", new JsonObject { ["name"] = db, ["tags"] = new JsonArray($"{top}/payments/db") });
        await _alice.PostAsync("/api/groups", new JsonObject { ["name"] = web, ["tags"] = new JsonArray($"{top}/payments", $"{top}/front") });
        await _alice.PostAsync("/api/groups", new JsonObject { ["name"] = loose });
        await _alice.PostAsync($"/api/groups/{db}/hosts", new JsonObject { ["hosts"] = new JsonArray($"{top}-db1", $"{top}-shared") });
        await _alice.PostAsync($"/api/groups/{web}/hosts", new JsonObject { ["hosts"] = new JsonArray($"{top}-web1", $"{top}-shared") });
        await _alice.PostAsync($"/api/groups/{loose}/hosts", new JsonObject { ["hosts"] = new JsonArray($"{top}-db1") });
        var cases = new (string Id, string Endpoint, string Status)[]
        {
            ($"s_1_{top}a", $"{top}-db1", "PROBLEM"), ($"s_2_{top}b", $"{top}-db1", "PROBLEM"),
            ($"s_3_{top}c", $"{top}-shared", "PROBLEM"), ($"s_4_{top}d", $"{top}-web1", "OK"),
        };
        foreach (var (id, endpoint, status) in cases)
        {
            await GroupsConsole.ScalarAsync(_console.Database.Databases.Alarms,
                "INSERT INTO event_cases (id, endpoint, metric, cond, priority, status) VALUES (@id, @e, 'cpu.idle', '1<2', 0, @s)", ("@id", id), ("@e", endpoint), ("@s", status));
        }

        var (status2, tree) = await _alice.GetAsync("/api/tree");
        Assert.That(status2, Is.EqualTo(HttpStatusCode.OK));
        var node = Child(tree!, top);
        Assert.That(node["path"]!.GetValue<string>(), Is.EqualTo(top));
        Assert.That(node["alarms"]!.GetValue<int>(), Is.EqualTo(3), "db1 twice and shared once; shared is in two groups but counts once; OK cases do not count");
        var payments = Child(node, "payments");
        Assert.That(payments["path"]!.GetValue<string>(), Is.EqualTo($"{top}/payments"));
        Assert.That(payments["groups"]!.AsArray().Single()!["name"]!.GetValue<string>(), Is.EqualTo(web));
        Assert.That(payments["groups"]![0]!["alarms"]!.GetValue<int>(), Is.EqualTo(1));
        var dbNode = Child(payments, "db");
        Assert.That(dbNode["groups"]![0]!["hosts"]!.AsArray().Select(h => h!.GetValue<string>()), Is.EqualTo(new[] { $"{top}-db1", $"{top}-shared" }));
        Assert.That(dbNode["alarms"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(Child(node, "front")["groups"]![0]!["name"]!.GetValue<string>(), Is.EqualTo(web), "a group with two tags is under both");
        var untagged = Child(tree!, "~untagged");
        Assert.That(untagged["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()), Does.Contain(loose));
    }

    [Test]
    public async Task ASave_PublishesTheChangeSignal_AndANoOpSaveDoesNot()
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(_console.Redis.Connection);
        var heard = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var name = Unique("signal");
        var queue = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal("falcon:config:changed"));
        queue.OnMessage(m =>
        {
            // Other tests on the same Redis publish too: keep only this test's objects.
            if (m.Message.ToString().Contains(name, StringComparison.Ordinal))
            {
                heard.Enqueue(m.Message.ToString());
            }
        });

        await _alice.PostAsync("/api/groups", new JsonObject { ["name"] = name, ["tags"] = new JsonArray("a") });
        await WaitForAsync(() => heard.Count == 1);
        Assert.That(heard.Single(), Is.EqualTo($"group {name}"));

        var (status, _) = await _alice.PutAsync($"/api/groups/{name}", new JsonObject { ["tags"] = new JsonArray("a") });
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        // Messages on one channel arrive in order: the next one heard must be the later, real change.
        await _alice.PutAsync($"/api/groups/{name}", new JsonObject { ["tags"] = new JsonArray("b") });
        await WaitForAsync(() => heard.Count >= 2);
        Assert.That(heard.Count, Is.EqualTo(2), "the no-op save published nothing");
        Assert.That((await AuditAsync("group", name)).Count, Is.EqualTo(2), "nor wrote an audit row");
        await queue.UnsubscribeAsync();
    }

    [Test]
    public async Task Maintenance_IsSetListedAndCleared_AndBadWindowsAreRefusedOnTheirField()
    {
        var host = Unique("maint");
        await _console.Database.ExecuteAsync("INSERT INTO host (hostname) VALUES (@h)", ("@h", host));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var (status, body) = await _bob.PutAsync($"/api/hosts/{host}/maintenance", new JsonObject { ["begin"] = now - 60, ["end"] = now + 3600 });
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body?.ToJsonString());
        Assert.That(body!["maintainEnd"]!.GetValue<long>(), Is.EqualTo(now + 3600));
        Assert.That(await _console.PortalScalarAsync("SELECT maintain_end FROM host WHERE hostname = @h", ("@h", host)), Is.EqualTo(now + 3600));
        var listed = (await _bob.GetAsync("/api/maintenance")).Body!.AsArray().Single(e => e!["name"]!.GetValue<string>() == host)!;
        Assert.That(listed["active"]!.GetValue<bool>(), Is.True);

        foreach (var (begin, end, field) in new[] { (now, now - 10, "end"), (now - 7200, now - 3600, "end"), (now, now + 31 * 86400L, "end") })
        {
            (status, body) = await _bob.PutAsync($"/api/hosts/{host}/maintenance", new JsonObject { ["begin"] = begin, ["end"] = end });
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), $"{begin}..{end}");
            Assert.That(body!["field"]!.GetValue<string>(), Is.EqualTo(field));
        }

        Assert.That((await _bob.PutAsync("/api/hosts/no-such-host-x/maintenance", new JsonObject { ["begin"] = now, ["end"] = now + 60 })).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await _bob.DeleteAsync($"/api/hosts/{host}/maintenance")).Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await _console.PortalScalarAsync("SELECT maintain_end FROM host WHERE hostname = @h", ("@h", host)), Is.Zero);
        Assert.That((await AuditAsync("host", host)).Select(a => a.Actor), Is.EqualTo(new[] { "bob", "bob" }));
    }

    private static JsonNode Child(JsonNode node, string name) =>
        node["children"]!.AsArray().SingleOrDefault(c => c!["name"]!.GetValue<string>() == name)
        ?? throw new AssertionException($"no child '{name}' under '{node["path"]}'");

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("the condition did not hold within 10 s");
            }

            await Task.Delay(20);
        }
    }
}
