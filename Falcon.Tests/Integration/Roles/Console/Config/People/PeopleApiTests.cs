using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Falcon.Roles.Console.Auth;
using Falcon.Roles.Console.Config;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;

namespace Falcon.Tests.Integration.Roles.Console.Config.People;

/// <summary>
/// Users and teams through the console API over real MariaDB and Redis: passwords stored as open-falcon stores them,
/// who may change what, the team membership table kept free of duplicates, and an audit row for every change.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class PeopleApiTests
{
    private static ConsoleStack _stack = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _stack = await ConsoleStack.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _stack.StopAllAsync();

    [Test]
    public async Task AnAdminCreatesAUser_WhoSignsInWithThePassword_StoredAsOpenFalconStoresIt()
    {
        using var root = await Client().SignedInAsync("root", "root-secret");
        var name = Unique("dave");
        var (status, body) = await root.PostAsync("/api/users", new { name, password = "dave-password-1", cnname = "Dave", email = "dave@example.com", phone = "+8613800000001", im = "dave.im", qq = "12345", role = 0 });
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), body);

        var stored = (string?)await UicScalarAsync("SELECT passwd FROM `user` WHERE name = @n", ("@n", name));
#pragma warning disable CA5351 // open-falcon's stored format, computed here independently of the console's code
        var md5 = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(ConsoleStack.Salt + "dave-password-1")));
#pragma warning restore CA5351
        using var dave = Client();
        var (signIn, _) = await dave.SignInAsync(name, "dave-password-1");
        var audit = await AuditAsync("user", name);
        Assert.Multiple(() =>
        {
            Assert.That(stored, Is.EqualTo(md5), "md5(salt + password) in lowercase hex, as open-falcon's api wrote it");
            Assert.That(signIn, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body, Does.Not.Contain(md5).And.Not.Contain("passw"), "the user's JSON never holds the password or its hash");
            Assert.That(audit, Has.Some.Matches<(string Actor, string Action, string? Old, string? New)>(r => r.Actor == "root" && r.Action == "create" && r.Old == null && r.New!.Contains("dave@example.com")));
            Assert.That(audit.All(r => r.New?.Contains(md5) != true), "nor does its audit row");
        });
    }

    [Test]
    public async Task APerson_EditsTheirOwnContactDetails_ButNotTheirRole_NorSomeoneElses()
    {
        using var alice = await Client().SignedInAsync("alice", ConsoleStack.AlicePassword);
        var phone = "+86138" + Random.Shared.Next(10000000, 99999999).ToString(CultureInfo.InvariantCulture);
        var own = await alice.PutAsync("/api/me", new { phone, cnname = "Alice A." });
        var role = await alice.PutAsync("/api/users/alice", new { role = 1 });
        var other = await alice.PutAsync("/api/users/bob", new { phone = "+10000000000" });
        var me = await alice.GetAsync("/api/me");
        var audit = await AuditAsync("user", "alice");

        Assert.Multiple(() =>
        {
            Assert.That(own.Status, Is.EqualTo(HttpStatusCode.OK), own.Body);
            Assert.That(ConsoleClient.Json(me.Body).GetProperty("phone").GetString(), Is.EqualTo(phone));
            Assert.That(ConsoleClient.Json(me.Body).GetProperty("teams")[0].GetString(), Is.EqualTo("ops"));
            Assert.That(role.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(ConsoleClient.Json(role.Body).GetProperty("field").GetString(), Is.EqualTo("role"));
            Assert.That(other.Status, Is.EqualTo(HttpStatusCode.Forbidden), other.Body);
            Assert.That(audit, Has.Some.Matches<(string Actor, string Action, string? Old, string? New)>(r => r.Actor == "alice" && r.Action == "update" && r.New!.Contains(phone)));
        });
    }

    [TestCase("email", "not-an-address")]
    [TestCase("phone", "call me maybe")]
    [TestCase("im", "an-im-id-that-is-longer-than-32-characters")]
    [TestCase("cnname", "Dave \U0001F600")]
    [TestCase("role", 7)]
    public async Task ABadValue_IsRefusedOnItsField_AndNothingIsWritten(string field, object value)
    {
        using var root = await Client().SignedInAsync("root", "root-secret");
        var name = Unique("bad");
        var user = new Dictionary<string, object> { ["name"] = name, [field] = value };
        var (status, body) = await root.PostAsync("/api/users", user);

        Assert.Multiple(async () =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body);
            Assert.That(ConsoleClient.Json(body).GetProperty("field").GetString(), Is.EqualTo(field), body);
            Assert.That(await UicScalarAsync("SELECT COUNT(*) FROM `user` WHERE name = @n", ("@n", name)), Is.Zero);
        });
    }

    [Test]
    public async Task ANameOutsideOpenFalconsPattern_IsRefused()
    {
        using var root = await Client().SignedInAsync("root", "root-secret");
        var (status, body) = await root.PostAsync("/api/users", new { name = "no spaces", password = "long-enough-1" });
        var (shortStatus, shortBody) = await root.PostAsync("/api/users", new { name = Unique("short"), password = "short" });

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(ConsoleClient.Json(body).GetProperty("field").GetString(), Is.EqualTo("name"));
            Assert.That(shortStatus, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(ConsoleClient.Json(shortBody).GetProperty("field").GetString(), Is.EqualTo("password"));
        });
    }

    [Test]
    public async Task APerson_ChangesTheirPassword_OnlyWithTheOldOne()
    {
        using var root = await Client().SignedInAsync("root", "root-secret");
        var name = Unique("erin");
        Assert.That((await root.PostAsync("/api/users", new { name, password = "erin-password-1" })).Status, Is.EqualTo(HttpStatusCode.Created));
        using var erin = await Client().SignedInAsync(name, "erin-password-1");

        var wrongOld = await erin.PutAsync($"/api/users/{name}/password", new { old = "not-it-at-all", password = "erin-password-2" });
        var rightOld = await erin.PutAsync($"/api/users/{name}/password", new { old = "erin-password-1", password = "erin-password-2" });
        using var again = Client();
        var (oldSignIn, _) = await again.SignInAsync(name, "erin-password-1");
        var (newSignIn, _) = await again.SignInAsync(name, "erin-password-2");
        var byAdmin = await root.PutAsync($"/api/users/{name}/password", new { password = "erin-password-3" });
        var audit = await AuditAsync("user", name);

        Assert.Multiple(() =>
        {
            Assert.That(wrongOld.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(ConsoleClient.Json(wrongOld.Body).GetProperty("field").GetString(), Is.EqualTo("old"));
            Assert.That(rightOld.Status, Is.EqualTo(HttpStatusCode.OK), rightOld.Body);
            Assert.That(oldSignIn, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(newSignIn, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(byAdmin.Status, Is.EqualTo(HttpStatusCode.OK), "an admin needs no old password");
            Assert.That(audit.Count(r => r.Action == "password"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task TheLastAdmin_CannotBeDemoted_ButAnotherAdminCan()
    {
        using var root = await Client().SignedInAsync("root", "root-secret");
        var name = Unique("ada");
        Assert.That((await root.PostAsync("/api/users", new { name, password = "ada-password-1", role = 1 })).Status, Is.EqualTo(HttpStatusCode.Created));
        var demoteAda = await root.PutAsync($"/api/users/{name}", new { role = 0 });
        var demoteRoot = await root.PutAsync("/api/users/root", new { role = 0 });
        var deleteSelf = await root.DeleteAsync("/api/users/root");

        Assert.Multiple(async () =>
        {
            Assert.That(demoteAda.Status, Is.EqualTo(HttpStatusCode.OK), demoteAda.Body);
            Assert.That(demoteRoot.Status, Is.EqualTo(HttpStatusCode.BadRequest), demoteRoot.Body);
            Assert.That(ConsoleClient.Json(demoteRoot.Body).GetProperty("field").GetString(), Is.EqualTo("role"));
            Assert.That(deleteSelf.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await UicScalarAsync("SELECT role FROM `user` WHERE name = 'root'"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task ATeam_HoldsEachMemberOnce_AndIsEditedByItsCreatorOrAnAdmin()
    {
        using var alice = await Client().SignedInAsync("alice", ConsoleStack.AlicePassword);
        using var bob = await Client().SignedInAsync("bob", "bob-secret");
        var team = Unique("web");
        var created = await alice.PostAsync("/api/teams", new { name = team, resume = "web front ends", members = new[] { "carol", "bob", "bob", "alice" } });
        var rows = await UicScalarAsync("SELECT COUNT(*) FROM rel_team_user r JOIN team t ON t.id = r.tid WHERE t.name = @n", ("@n", team));
        var byBob = await bob.PutAsync($"/api/teams/{team}", new { members = new[] { "bob" } });
        var unknown = await alice.PutAsync($"/api/teams/{team}", new { members = new[] { "nobody-" + team } });
        var edited = await alice.PutAsync($"/api/teams/{team}", new { members = new[] { "carol" } });
        var rowsAfter = await UicScalarAsync("SELECT COUNT(*) FROM rel_team_user r JOIN team t ON t.id = r.tid WHERE t.name = @n", ("@n", team));
        var audit = await AuditAsync("team", team);

        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Body);
            Assert.That(created.Body, Is.EqualTo($$"""{"name":"{{team}}","resume":"web front ends","creator":"alice","members":["alice","bob","carol"]}"""));
            Assert.That(rows, Is.EqualTo(3L), "bob once, though named twice");
            Assert.That(byBob.Status, Is.EqualTo(HttpStatusCode.Forbidden), "bob is a member, not the creator");
            Assert.That(ConsoleClient.Json(unknown.Body).GetProperty("field").GetString(), Is.EqualTo("members"));
            Assert.That(ConsoleClient.Json(edited.Body).GetProperty("members").GetArrayLength(), Is.EqualTo(1));
            Assert.That(rowsAfter, Is.EqualTo(1L));
            Assert.That(audit.Select(r => r.Action), Is.EqualTo(new[] { "create", "update" }), "the refused changes wrote nothing");
        });
    }

    [Test]
    public async Task DeletingAUser_RemovesTheirMembershipsAndSessions()
    {
        using var root = await Client().SignedInAsync("root", "root-secret");
        var name = Unique("gone");
        await root.PostAsync("/api/users", new { name, password = "gone-password-1" });
        var team = Unique("t");
        await root.PostAsync("/api/teams", new { name = team, members = new[] { name, "carol" } });
        using var gone = await Client().SignedInAsync(name, "gone-password-1");
        var id = await UicScalarAsync("SELECT id FROM `user` WHERE name = @n", ("@n", name));

        var deleted = await root.DeleteAsync($"/api/users/{name}");
        var after = await gone.GetAsync("/api/session");

        Assert.Multiple(async () =>
        {
            Assert.That(deleted.Status, Is.EqualTo(HttpStatusCode.OK), deleted.Body);
            Assert.That(await UicScalarAsync("SELECT COUNT(*) FROM rel_team_user WHERE uid = @id", ("@id", id)), Is.Zero);
            Assert.That(await UicScalarAsync("SELECT COUNT(*) FROM session WHERE uid = @id", ("@id", id)), Is.Zero);
            Assert.That(after.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((await AuditAsync("user", name)).Last().Action, Is.EqualTo("delete"));
        });
    }

    [Test]
    public async Task AForgedCrossSitePost_IsRefused()
    {
        using var root = await Client().SignedInAsync("root", "root-secret");
        var name = Unique("forged");
        var noToken = await root.SendAsync(HttpMethod.Post, "/api/users", new { name, password = "forged-password" }, ("X-Falcon-Csrf", ""));
        var otherSite = await root.SendAsync(HttpMethod.Post, "/api/users", new { name, password = "forged-password" }, ("Origin", "http://attacker.example"));
        var formPost = await root.SendAsync(HttpMethod.Post, "/api/teams", new { name }, ("X-Falcon-Csrf", ""), ("Sec-Fetch-Site", "cross-site"));

        Assert.Multiple(async () =>
        {
            Assert.That(noToken.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(otherSite.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(formPost.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await UicScalarAsync("SELECT COUNT(*) FROM `user` WHERE name = @n", ("@n", name)), Is.Zero);
        });
    }

    [Test]
    public async Task BlockingAUser_EndsTheirSessionsAtOnce()
    {
        using var root = await Client().SignedInAsync("root", "root-secret");
        var name = Unique("blocked");
        await root.PostAsync("/api/users", new { name, password = "blocked-password" });
        using var person = await Client().SignedInAsync(name, "blocked-password");
        var blocked = await root.PutAsync($"/api/users/{name}", new { role = -1 });
        var session = await person.GetAsync("/api/session");
        var (again, _) = await Client().SignInAsync(name, "blocked-password");

        Assert.Multiple(() =>
        {
            Assert.That(blocked.Status, Is.EqualTo(HttpStatusCode.OK), blocked.Body);
            Assert.That(session.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(again, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    [Test]
    public async Task TheKinds_AreFoundThroughIConfigKind_AndWritingAnObjectsJsonBackChangesNothing()
    {
        using var alice = await Client().SignedInAsync("alice", ConsoleStack.AlicePassword);
        var team = Unique("rt");
        await alice.PostAsync("/api/teams", new { name = team, resume = "round trip \u4e2d\u6587 +1", members = new[] { "carol", "alice" } });
        var kinds = _stack.Services.GetServices<IConfigKind>().Where(static k => k.Kind is "user" or "team").OrderBy(static k => k.Kind).ToList();
        var saver = _stack.Services.GetRequiredService<ConfigSaver>();
        var results = new List<(string Kind, bool Listed, string? Before, string? After, bool Changed)>();
        foreach (var kind in kinds)
        {
            var name = kind.Kind == "user" ? "alice" : team;
            string? before;
            bool listed;
            await using (var connection = await _stack.Database.Databases.Uic.OpenConnectionAsync(CancellationToken.None))
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                before = await kind.ReadAsync(connection, transaction, name, CancellationToken.None);
                listed = (await kind.NamesAsync(connection, transaction, CancellationToken.None)).Contains(name);
            }

            var (after, changed) = await saver.PutAsync(kind, name, before, "restore", ConsoleCaller.Token, CancellationToken.None);
            results.Add((kind.Kind, listed, before, after, changed));
        }

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.Kind), Is.EqualTo(new[] { "team", "user" }));
            Assert.That(results.All(r => r.Listed && r.Before is not null && r.After == r.Before && !r.Changed), Is.True, string.Join("\n", results));
            Assert.That(results[0].Before, Does.Contain("round trip 中文 +1"), "readable text in the audit and the export");
        });
    }

    internal static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..6];

    private static ConsoleClient Client() => new(_stack.HttpAddress);

    private static Task<object?> UicScalarAsync(string sql, params (string Name, object? Value)[] parameters) => Scalar(_stack, sql, parameters);

    private static Task<List<(string Actor, string Action, string? Old, string? New)>> AuditAsync(string kind, string name) => Audit(_stack, "uic", kind, name);

    internal static async Task<object?> Scalar(ConsoleStack stack, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await stack.Database.Databases.Uic.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? null : result is sbyte or int or uint or long or ulong ? Convert.ToInt64(result, CultureInfo.InvariantCulture) : result;
    }

    /// <summary>The audit rows of one object, oldest first, from the uic or portal database.</summary>
    internal static async Task<List<(string Actor, string Action, string? Old, string? New)>> Audit(ConsoleStack stack, string database, string kind, string name)
    {
        var db = database == "uic" ? stack.Database.Databases.Uic : stack.Database.Databases.Portal;
        await using var connection = await db.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlCommand("SELECT actor, action, old_value, new_value FROM falcon_audit WHERE kind = @k AND object = @o ORDER BY id", connection);
        command.Parameters.AddWithValue("@k", kind);
        command.Parameters.AddWithValue("@o", name);
        var rows = new List<(string, string, string?, string?)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return rows;
    }
}
