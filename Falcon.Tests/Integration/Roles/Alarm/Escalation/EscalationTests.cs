using System.Net;
using System.Net.Http.Json;
using Falcon.Roles.Alarm.Escalation;
using Falcon.Tests.Integration.Roles.Alarm.Channels;
using Falcon.Tests.Integration.Roles.Alarm.Role;
using Falcon.Tests.Integration.Shared.Portal;
using Microsoft.Extensions.DependencyInjection;

namespace Falcon.Tests.Integration.Roles.Alarm.Escalation;

/// <summary>
/// Escalation on whole alarm roles over real Redis and MariaDB, with a fake IM provider: an unacknowledged case past
/// its action's delay reaches the next team (less whoever silenced it) once, whichever instance scans and however
/// often; acknowledged, recovered, not yet due and too late cases do not. Scans are run by hand (the roles' own loop
/// is off) so each test knows exactly which passes ran.
/// </summary>
[Category("Integration")]
public sealed class EscalationTests
{
    private const string Unacknowledged = "s_12_00000000000000000000000000e5c001";

    [Test]
    public async Task AnUnacknowledgedCasePastItsDelay_ReachesTheNextTeamOnce_AndNoOtherCaseEscalates()
    {
        var redis = await TestServers.RedisAsync();
        await using var db = await PortalDatabase.CreateAsync();
        await EscalationSeed.ApplyAsync(db);
        await EscalationSeed.CaseAsync(db, Unacknowledged, "web-late", minutesAgo: 31);
        await EscalationSeed.CaseAsync(db, "s_12_00000000000000000000000000e5c002", "web-acked", minutesAgo: 40, processStatus: "in progress");
        await EscalationSeed.CaseAsync(db, "s_12_00000000000000000000000000e5c003", "web-recovered", minutesAgo: 40, status: "OK");
        await EscalationSeed.CaseAsync(db, "s_12_00000000000000000000000000e5c004", "web-resolved", minutesAgo: 40, processStatus: "resolved");
        await EscalationSeed.CaseAsync(db, "s_12_00000000000000000000000000e5c005", "web-young", minutesAgo: 10);
        await EscalationSeed.CaseAsync(db, "s_12_00000000000000000000000000e5c006", "web-ancient", minutesAgo: 300);
        await using var im = await FakeProviderServer.StartAsync();
        var prefix = "esc-" + Guid.NewGuid().ToString("N")[..8];
        string[] settings = ["alarm.escalation.enabled=false", $"alarm.escalation.keyPrefix={prefix}:escalation"];

        int first, again, other;
        await using (var alarm = await AlarmInstance.StartAsync(redis, db, prefix, im.Url("/hook"), settings))
        {
            using (var http = new HttpClient { BaseAddress = alarm.HttpAddress })
            using (var silenced = await http.PostAsJsonAsync("api/silences", new { user = "dave", endpoint = "web-late", counter = "cpu.idle", @for = "1h" }))
            {
                Assert.That(silenced.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            }

            var scanner = alarm.Services.GetRequiredService<EscalationScanner>();
            first = await scanner.ScanAsync(CancellationToken.None);
            await Poll.UntilAsync(() => Task.FromResult(im.RequestCount >= 1), TimeSpan.FromSeconds(30), "the escalation's IM");
            again = await scanner.ScanAsync(CancellationToken.None);

            // A second instance beside it finds the step sent.
            await using var second = await AlarmInstance.StartAsync(redis, db, prefix, im.Url("/hook"), [.. settings, $"alarm.consumer.instanceId={prefix}-b"]);
            other = await second.Services.GetRequiredService<EscalationScanner>().ScanAsync(CancellationToken.None);
        }

        // And so does an instance started after both stopped (a restart).
        await using var restarted = await AlarmInstance.StartAsync(redis, db, prefix, im.Url("/hook"), settings);
        var afterRestart = await restarted.Services.GetRequiredService<EscalationScanner>().ScanAsync(CancellationToken.None);

        var body = im.Requests.Single().Body;
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(1), "one case escalated: the unacknowledged one past 30 minutes");
            Assert.That((again, other, afterRestart), Is.EqualTo((0, 0, 0)), "the step is sent once");
            Assert.That(body, Does.Contain("[ESCALATION: unacknowledged for 30 min]"));
            Assert.That(body, Does.Contain("web-late"));
            Assert.That(body, Does.Contain("carol.im"), "sre's member");
            Assert.That(body, Does.Not.Contain("dave.im"), "dave silenced this alarm");
            Assert.That(body, Does.Not.Contain("alice.im"), "the first team is not notified again");
        });
    }

    [Test]
    public async Task TheRolesOwnLoop_EscalatesByItself()
    {
        var redis = await TestServers.RedisAsync();
        await using var db = await PortalDatabase.CreateAsync();
        await EscalationSeed.ApplyAsync(db);
        await using var im = await FakeProviderServer.StartAsync();
        var prefix = "esc-loop-" + Guid.NewGuid().ToString("N")[..8];
        await using var alarm = await AlarmInstance.StartAsync(
            redis, db, prefix, im.Url("/hook"), "alarm.escalation.scanInterval=00:00:00.100", $"alarm.escalation.keyPrefix={prefix}:escalation");

        await EscalationSeed.CaseAsync(db, Unacknowledged, "web-loop", minutesAgo: 45);

        await Poll.UntilAsync(() => Task.FromResult(im.RequestCount >= 1), TimeSpan.FromSeconds(30), "the escalation's IM");
        Assert.That(im.Requests[0].Body, Does.Contain("web-loop").And.Contain("carol.im").And.Contain("unacknowledged for 30 min"));
    }
}
