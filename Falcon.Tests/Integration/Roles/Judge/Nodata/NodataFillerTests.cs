using Falcon.Roles.Judge.Nodata;
using Falcon.Shared.Hashing;
using Falcon.Shared.Judging;
using Falcon.Shared.Model;
using Falcon.Shared.Model.Strategies;
using Falcon.Tests.Integration.Shared.Portal;

namespace Falcon.Tests.Integration.Roles.Judge.Nodata;

/// <summary>open-falcon's nodata in the judge: `mockcfg` rows in a real MariaDB, events in a real Redis, time fake.</summary>
[Category("Integration")]
public sealed class NodataFillerTests
{
    // A whole minute, so mock timestamps (step-aligned, two steps back) are easy to state.
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000 / 60 * 60);

    [Test]
    public async Task AnAgentThatStops_IsFilledWithItsMockAfterThreeSteps_AndItsStrategyAlarms_WhileOneThatReportsIsNot()
    {
        var (up, quiet, never, resting) = (Host("up"), Host("quiet"), Host("never"), Host("resting"));
        await using var db = await PortalDatabase.CreateAsync();
        await SeedHostsAsync(db, "web", (up, false), (quiet, false), (never, false), (resting, true));
        // quiet is in both rows: the host row wins over the group row, so its mock is -1, the group's hosts get -2.
        await InsertMockAsync(db, 1, "web-alive", "web", "group", -2);
        await InsertMockAsync(db, 2, "quiet-alive", $"{quiet}\n  {up}  \n", "host", -1);
        await InsertMockAsync(db, 3, "counter-is-refused", quiet, "host", -1, dstype: "COUNTER");
        await using var judge = await NodataHarness.StartAsync(db, AliveBelowZero(), [up, quiet, never, resting], Start);
        judge.Lanes.AssignShare(JudgeShare.Everything);

        Assert.That(await judge.Filler.SyncAsync(CancellationToken.None), Is.True);
        Assert.That(judge.Filler.Watched, Is.EqualTo(3), "up, quiet and never; resting is in maintenance; the COUNTER row is skipped");

        await judge.ReportAsync("agent.alive", 1, up, quiet);
        var mocksPerMinute = new List<int> { await judge.CheckAsync() };
        for (var minute = 1; minute <= 6; minute++)
        {
            judge.Time.Advance(TimeSpan.FromMinutes(1));
            await judge.ReportAsync("agent.alive", 1, up);
            mocksPerMinute.Add(await judge.CheckAsync());
        }

        var events = await judge.EventsAsync();
        var now = judge.Time.GetUtcNow().ToUnixTimeSeconds();
        Assert.Multiple(() =>
        {
            // Quiet for 3 steps (180 s) means more than 180 s: the first mocks come at minute 4, one a step after.
            Assert.That(mocksPerMinute, Is.EqualTo(new[] { 0, 0, 0, 0, 2, 2, 2 }));
            Assert.That(events.Select(e => (e.GetProperty("endpoint").GetString(), e.GetProperty("status").GetString(), e.GetProperty("leftValue").GetDouble())),
                Is.EquivalentTo(new[] { (quiet, "PROBLEM", -1.0), (never, "PROBLEM", -2.0) }));
            // The third mock, at minute 6, completed all(#3): its timestamp is step-aligned and two steps back.
            Assert.That(events.Select(e => e.GetProperty("eventTime").GetInt64()).Distinct(), Is.EqualTo(new[] { now - 120 }));
        });

        // quiet reports again: no more mocks for it, and its strategy recovers on the real point.
        await judge.ReportAsync("agent.alive", 1, up, quiet);
        judge.Time.Advance(TimeSpan.FromMinutes(1));
        await judge.ReportAsync("agent.alive", 1, up, quiet);
        var afterReturn = await judge.CheckAsync();
        var later = await judge.EventsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(afterReturn, Is.EqualTo(1), "only never is still filled");
            Assert.That(later.Skip(2).Select(e => (e.GetProperty("endpoint").GetString(), e.GetProperty("status").GetString())), Is.EqualTo(new[] { (quiet, "OK") }));
            Assert.That(judge.Meters.Sum("falcon.judge.nodata.mocks"), Is.EqualTo(7));
        });
    }

    [Test]
    public async Task TwoJudgesOnOneRing_EachFillsOnlyTheSeriesTransferRoutesToIt_SoEverySeriesIsFilledOnce()
    {
        var hosts = Enumerable.Range(0, 30).Select(i => Host($"r{i:00}")).ToArray();
        await using var db = await PortalDatabase.CreateAsync();
        await InsertMockAsync(db, 1, "fleet-alive", string.Join('\n', hosts), "other", -1);
        await using var a = await NodataHarness.StartAsync(db, AliveBelowZero(maxStep: 1, func: "all(#1)"), hosts, Start);
        await using var b = await NodataHarness.StartAsync(db, AliveBelowZero(maxStep: 1, func: "all(#1)"), hosts, Start);
        string[] ring = ["judge-00", "judge-01"];

        await a.Filler.SyncAsync(CancellationToken.None);
        await b.Filler.SyncAsync(CancellationToken.None);
        a.Time.Advance(TimeSpan.FromMinutes(4));
        b.Time.Advance(TimeSpan.FromMinutes(4));
        var beforeShare = a.Filler.Check();
        a.Lanes.AssignShare(JudgeShare.OnRing("judge-00", ring, ConsistentHashRing.DefaultReplicas));
        b.Lanes.AssignShare(JudgeShare.OnRing("judge-01", ring, ConsistentHashRing.DefaultReplicas));
        // Ownership counts from when the share is known: silence before that is not held against a series.
        Assert.That(await a.CheckAsync() + await b.CheckAsync(), Is.Zero);
        a.Time.Advance(TimeSpan.FromMinutes(4));
        b.Time.Advance(TimeSpan.FromMinutes(4));
        await a.CheckAsync();
        await b.CheckAsync();

        var owners = new ConsistentHashRing(ring);
        var ofA = (await a.EventsAsync()).Select(e => e.GetProperty("endpoint").GetString()!).ToList();
        var ofB = (await b.EventsAsync()).Select(e => e.GetProperty("endpoint").GetString()!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(beforeShare, Is.Zero, "no share yet: a judge does not know which series are its own");
            Assert.That(ofA, Is.EquivalentTo(hosts.Where(h => owners.GetNode(SeriesKey.Of(h, "agent.alive", TagSet.Empty)) == "judge-00")));
            Assert.That(ofB, Is.EquivalentTo(hosts.Where(h => owners.GetNode(SeriesKey.Of(h, "agent.alive", TagSet.Empty)) == "judge-01")));
            Assert.That(ofA, Is.Not.Empty);
            Assert.That(ofB, Is.Not.Empty);
        });
    }

    [Test]
    public async Task MockcfgUnreadable_KeepsTheRowsReadLast()
    {
        var host = Host("kept");
        await using var db = await PortalDatabase.CreateAsync();
        await InsertMockAsync(db, 1, "kept-alive", host, "host", -1);
        await using var judge = await NodataHarness.StartAsync(db, AliveBelowZero(), [host], Start);
        await judge.Filler.SyncAsync(CancellationToken.None);

        await db.ExecuteAsync("RENAME TABLE mockcfg TO mockcfg_away");
        var second = await judge.Filler.SyncAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.False);
            Assert.That(judge.Filler.Watched, Is.EqualTo(1));
            Assert.That(judge.Meters.Sum("falcon.judge.nodata.sync_failures"), Is.EqualTo(1));
        });
    }

    [Test]
    public void MockTimestamp_IsStepAligned_AndTwoStepsBack() =>
        Assert.That(NodataFiller.MockTimestamp(1_000_059, 60), Is.EqualTo(1_000_020 - 120));

    internal static string Host(string prefix) => JudgeRoleTests.Name(prefix);

    internal static Strategy AliveBelowZero(int maxStep = 1, string func = "all(#3)") => new()
    {
        Id = 31,
        Metric = "agent.alive",
        Func = func,
        Operator = "<",
        RightValue = 0,
        MaxStep = maxStep,
        Priority = 2,
        Tpl = new Template { Id = 100, ActionId = 7 },
    };

    internal static async Task InsertMockAsync(PortalDatabase db, long id, string name, string obj, string objType, double mock, string dstype = "GAUGE", int step = 60, string metric = "agent.alive") =>
        await db.ExecuteAsync(
            "INSERT INTO mockcfg (id, name, obj, obj_type, metric, tags, dstype, step, mock, creator, t_create) VALUES (@id, @n, @o, @t, @m, '', @d, @s, @v, 'test', NOW())",
            ("@id", id), ("@n", name), ("@o", obj), ("@t", objType), ("@m", metric), ("@d", dstype), ("@s", step), ("@v", mock));

    private static async Task SeedHostsAsync(PortalDatabase db, string group, params (string Host, bool InMaintenance)[] hosts)
    {
        await db.ExecuteAsync("INSERT INTO grp (id, grp_name) VALUES (10, @g)", ("@g", group));
        for (var i = 0; i < hosts.Length; i++)
        {
            var (begin, end) = hosts[i].InMaintenance ? (Start.ToUnixTimeSeconds() - 3600, Start.ToUnixTimeSeconds() + 86_400) : (0L, 0L);
            await db.ExecuteAsync(
                "INSERT INTO host (id, hostname, ip, maintain_begin, maintain_end) VALUES (@id, @h, '10.0.0.7', @b, @e)",
                ("@id", i + 1), ("@h", hosts[i].Host), ("@b", begin), ("@e", end));
            await db.ExecuteAsync("INSERT INTO grp_host (grp_id, host_id) VALUES (10, @id)", ("@id", i + 1));
        }
    }
}
