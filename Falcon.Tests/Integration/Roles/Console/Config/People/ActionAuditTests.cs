using System.Net;

namespace Falcon.Tests.Integration.Roles.Console.Config.People;

/// <summary>
/// Actions that are not configuration leave audit rows too: sign-ins and sign-outs in uic, silences,
/// acknowledgements and upgrade pushes in falcon_portal, each once the action itself succeeded.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class ActionAuditTests
{
    private static ConsoleStack _stack = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _stack = await ConsoleStack.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _stack.StopAllAsync();

    [Test]
    public async Task SigningInRefusedOkAndOut_IsAudited()
    {
        using var carol = new ConsoleClient(_stack.HttpAddress);
        await carol.SignInAsync("carol", "not-carols-password");
        await carol.SignedInAsync("carol", "carol-secret");
        var signedOut = await carol.PostAsync("/api/logout", null);
        var rows = await PeopleApiTests.Audit(_stack, "uic", "session", "carol");

        Assert.Multiple(() =>
        {
            Assert.That(signedOut.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(rows.Select(r => r.Action), Is.EqualTo(new[] { "sign-in-refused", "sign-in", "sign-out" }));
            Assert.That(rows.All(r => r.Actor == "carol"));
        });
    }

    [Test]
    public async Task ASilence_AddedAndRemoved_IsAudited()
    {
        using var alice = await new ConsoleClient(_stack.HttpAddress).SignedInAsync("alice", ConsoleStack.AlicePassword);
        var added = await alice.PostAsync("/api/silences", new { scope = "me", endpoint = "audit-host", counter = "cpu.idle", @for = "1h", comment = "maintenance" });
        Assert.That(added.Status, Is.EqualTo(HttpStatusCode.Created), added.Body);
        var id = ConsoleClient.Json(added.Body)[0].GetProperty("id").GetString()!;
        var removed = await alice.DeleteAsync("/api/silences/" + Uri.EscapeDataString(id));
        var rows = await PeopleApiTests.Audit(_stack, "portal", "silence", id);

        Assert.Multiple(() =>
        {
            Assert.That(removed.Status, Is.EqualTo(HttpStatusCode.OK), removed.Body);
            Assert.That(rows.Select(r => (r.Actor, r.Action)), Is.EqualTo(new[] { ("alice", "add"), ("alice", "remove") }));
            Assert.That(rows[0].New, Does.Contain("audit-host"));
            Assert.That(rows[1].Old, Does.Contain("audit-host"), "the removed silence as it was");
        });
    }

    [Test]
    public async Task AnAcknowledgement_AndItsWithdrawal_AreAudited()
    {
        const string Id = "s_1_audit00000000000000000000001";
        var at = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 30;
        await _stack.AlarmsScalarAsync(
            """
            INSERT INTO event_cases (id, endpoint, metric, func, cond, note, max_step, current_step, priority, status, `timestamp`, update_at,
              tpl_creator, expression_id, strategy_id, template_id, process_status)
            VALUES (@id, 'audit-web', 'cpu.idle', 'all(#3)', '5 < 10', 'cpu busy', 3, 1, 0, 'PROBLEM', FROM_UNIXTIME(@at), FROM_UNIXTIME(@at), 'root', 0, 1, 7, 'unresolved')
            """,
            ("@id", Id), ("@at", at));
        using var alice = await new ConsoleClient(_stack.HttpAddress).SignedInAsync("alice", ConsoleStack.AlicePassword);
        var ack = await alice.PostAsync($"/api/alarms/{Id}/ack", new { note = "looking at it" });
        var withdrawn = await alice.DeleteAsync($"/api/alarms/{Id}/ack");
        var rows = await PeopleApiTests.Audit(_stack, "portal", "ack", Id);

        Assert.Multiple(() =>
        {
            Assert.That(ack.Status, Is.EqualTo(HttpStatusCode.OK), ack.Body);
            Assert.That(withdrawn.Status, Is.EqualTo(HttpStatusCode.OK), withdrawn.Body);
            Assert.That(rows.Select(r => (r.Actor, r.Action)), Is.EqualTo(new[] { ("alice", "ack"), ("alice", "unack") }));
            Assert.That(rows[0].New, Is.EqualTo("""{"status":"in progress","note":"looking at it"}"""));
        });
    }

    [Test]
    public async Task AnUpgradePush_PauseAndCancel_AreAudited_AndARefusedOneIsNot()
    {
        using var root = await new ConsoleClient(_stack.HttpAddress).SignedInAsync("root", "root-secret");
        using var alice = await new ConsoleClient(_stack.HttpAddress).SignedInAsync("alice", ConsoleStack.AlicePassword);
        var refused = await alice.PostAsync("/api/upgrade", new { version = "9.9.9", wgeturl = "http://127.0.0.1:1/falcon", binfile_md5 = new string('c', 32) });
        var pushed = await root.PostAsync("/api/upgrade", new { version = "7.3.0", wgeturl = "http://127.0.0.1:1/falcon", binfile_md5 = new string('c', 32) });
        var paused = await root.PostAsync("/api/upgrade/pause", null);
        var cancelled = await root.DeleteAsync("/api/upgrade");
        var rows = await PeopleApiTests.Audit(_stack, "portal", "upgrade", "agent-upgrade");

        Assert.Multiple(() =>
        {
            Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(pushed.Status, Is.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.Created), pushed.Body);
            Assert.That(paused.Status, Is.EqualTo(HttpStatusCode.OK), paused.Body);
            Assert.That(cancelled.Status, Is.EqualTo(HttpStatusCode.OK), cancelled.Body);
            Assert.That(rows.Select(r => (r.Actor, r.Action)), Is.EqualTo(new[] { ("root", "push"), ("root", "pause"), ("root", "cancel") }));
            Assert.That(rows[0].New, Does.Contain("7.3.0"));
        });
    }
}
