using System.Net;
using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Routing;
using Falcon.Shared.Model.Events;
using Falcon.Shared.Portal.Audit;
using Falcon.Shared.Redis;
using Falcon.Tests.Integration.Roles.Alarm.Consumption;
using Falcon.Tests.Roles.Alarm.Consumption;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Integration.Roles.Alarm.Routing;

[Category("Integration")]
public sealed class AlarmRoutingTests
{
    private static readonly string[] AllPhones = ["13800000001", "13800000002"];
    private static readonly string[] AllEmails = ["alice@example.com", "bob@example.com", "carol@example.com"];
    private static readonly string[] AllIms = ["alice.im", "carol.im"];

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task AnEvent_ReachesTheActionsPeopleOnTheChannelsOfItsPriority(bool cluster)
    {
        await using var intake = await AlarmIntake.CreateAsync(cluster);
        var p0Problem = TestEvents.Strategy(id: "s_12_p0problem", priority: 0);
        var p0Ok = TestEvents.Strategy(id: "s_12_p0ok", priority: 0, status: JudgeEventStatus.Ok);
        var p1Problem = TestEvents.Strategy(id: "s_12_p1problem", priority: 1);
        await intake.Harness.PushAsync(p0Problem, p0Ok, p1Problem);

        await intake.Harness.StartAsync(intake.Harness.Options("a"), intake.Handler());

        var messages = await Poll.ForAsync(() => Task.FromResult(intake.Dispatcher.Messages), static m => m.Count >= 10);
        ILookup<string, AlarmMessage> byEvent = messages.ToLookup(static m => m.EventId);
        Assert.Multiple(() =>
        {
            Assert.That(byEvent[p0Problem.Id].Select(static m => m.Channel), Is.EquivalentTo(new[] { ChannelKind.Phone, ChannelKind.Sms, ChannelKind.Im, ChannelKind.Mail }));
            Assert.That(byEvent[p0Ok.Id].Select(static m => m.Channel), Is.EquivalentTo(new[] { ChannelKind.Sms, ChannelKind.Im, ChannelKind.Mail }));
            Assert.That(byEvent[p1Problem.Id].Select(static m => m.Channel), Is.EquivalentTo(new[] { ChannelKind.Sms, ChannelKind.Im, ChannelKind.Mail }));
            var p0 = byEvent[p0Problem.Id].ToDictionary(static m => m.Channel);
            Assert.That(p0[ChannelKind.Phone].Recipients, Is.EquivalentTo(AllPhones));
            Assert.That(p0[ChannelKind.Phone].Content, Is.EqualTo("单条策略报警host-acpu.idle"));
            Assert.That(p0[ChannelKind.Sms].Recipients, Is.EquivalentTo(AllPhones));
            Assert.That(p0[ChannelKind.Mail].Recipients, Is.EquivalentTo(AllEmails));
            Assert.That(p0[ChannelKind.Im].Recipients, Is.EquivalentTo(AllIms));
            Assert.That(p0[ChannelKind.Im].Groups, Is.EqualTo(new[] { "chat-ops" }));
            Assert.That(messages.Where(static m => m.Channel != ChannelKind.Im).All(static m => m.Groups.Count == 0), Is.True, "group chats get IM only");
            Assert.That(messages.SelectMany(static m => m.Recipients).Contains("chat-ops"), Is.False, "a group chat is never a recipient");
            Assert.That(messages.All(static m => m.Actions.Count == 0), Is.True);
        });
        Assert.That(await intake.CountAsync("SELECT COUNT(*) FROM events"), Is.EqualTo(3));
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task LowPriorityEvents_AreCombinedPerUserAndMetricWhenTheWindowEnds(bool cluster)
    {
        await using var intake = await AlarmIntake.CreateAsync(cluster);
        await intake.Harness.PushAsync([.. Enumerable.Range(0, 3).Select(i => TestEvents.Strategy(id: $"s_12_low{i}", priority: 3, endpoint: $"host-{i}"))]);
        await intake.Harness.PushAsync(TestEvents.Strategy(id: "s_12_lowmem", priority: 3, metric: "mem.free"));
        await intake.Harness.StartAsync(intake.Harness.Options("a"), intake.Handler());
        await Poll.UntilAsync(async () => await intake.CountAsync("SELECT COUNT(*) FROM events") == 4, what: "4 events recorded");
        await Poll.UntilAsync(async () => await intake.Harness.PendingAsync("a") == 0, what: "events acknowledged");
        Assert.That(intake.Dispatcher.Messages, Is.Empty, "low priorities wait for the combiner");

        var sent = await intake.Combiner.RunOnceAsync(CancellationToken.None);

        var messages = intake.Dispatcher.Messages;
        Assert.Multiple(() =>
        {
            // Per recipient: one summary of the three cpu.idle alarms and the single mem.free alarm as it is.
            Assert.That(sent, Is.EqualTo(messages.Count));
            Assert.That(messages.Where(static m => m.Channel == ChannelKind.Sms), Is.Empty, "P3 gets no SMS");
            var aliceIm = messages.Where(static m => m.Channel == ChannelKind.Im && m.Recipients.Contains("alice.im")).ToList();
            // Workers run side by side, so which of the three comes first (and is the example) is not fixed.
            Assert.That(aliceIm.Select(static m => m.Content), Has.Exactly(1).Match(@"^\[P3\]\[PROBLEM\] 3 cpu\.idle\.  e\.g\. host-[012]\. detail in email$"));
            Assert.That(aliceIm.Select(static m => m.EventId), Has.Exactly(1).EqualTo("s_12_lowmem"));
            Assert.That(aliceIm, Has.Count.EqualTo(2));
            var groupIm = messages.Where(static m => m.Groups.Contains("chat-ops")).ToList();
            Assert.That(groupIm, Has.Count.EqualTo(2));
            Assert.That(groupIm.All(static m => m.Recipients.Count == 0 && m.Channel == ChannelKind.Im), Is.True);
            var bobMail = messages.Where(static m => m.Channel == ChannelKind.Mail && m.Recipients.Contains("bob@example.com")).ToList();
            Assert.That(bobMail.Select(static m => m.Subject), Has.Member("[P3][PROBLEM] 3 cpu.idle"));
            Assert.That(messages, Has.Count.EqualTo(2 * (2 + 1 + 3)), "2 metrics × (2 user IMs + 1 group chat + 3 mails)");
        });
        Assert.That(await intake.CombinerListsAsync(), Is.Zero, "nothing left to combine");
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task AnInstanceAbandonedMidBatch_IsTakenOverAndEveryEventIsRecordedOnce(bool cluster)
    {
        await using var intake = await AlarmIntake.CreateAsync(cluster);
        var events = Enumerable.Range(0, 600).Select(i => TestEvents.Strategy(id: $"s_12_{i:D32}", priority: i % 7, endpoint: "h" + i)).ToArray();
        await intake.Harness.PushAsync(events);
        var frozen = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        var handler = intake.Handler();
        var abandoned = new RecordingHandler { HangAfterFirstBatch = true, Inner = handler.HandleAsync };
        await intake.Harness.StartAsync(intake.Harness.Options("a", o => { o.Workers = 2; o.BatchSize = 40; }), abandoned, frozen);
        var recordedBeforeAbandon = await abandoned.Hanging.Task.WaitAsync(TimeSpan.FromSeconds(20));

        await intake.Harness.StartAsync(intake.Harness.Options("b"), intake.Handler());

        await Poll.UntilAsync(async () => await intake.Harness.PendingAsync("a", "b") == 0, TimeSpan.FromSeconds(60), "every queue and in-flight list empty");
        Assert.Multiple(async () =>
        {
            Assert.That(recordedBeforeAbandon, Is.GreaterThan(0));
            Assert.That(await intake.CountAsync("SELECT COUNT(*) FROM events"), Is.EqualTo(600));
            Assert.That(await intake.CountAsync("SELECT COUNT(DISTINCT event_caseId) FROM events"), Is.EqualTo(600));
            Assert.That(await intake.CountAsync("SELECT COUNT(*) FROM event_cases"), Is.EqualTo(600));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task ACombinerListOfAStoppedInstance_IsTakenOverAndSent(bool cluster)
    {
        await using var intake = await AlarmIntake.CreateAsync(cluster);
        var db = await intake.Harness.Redis.GetDatabaseAsync();
        var waiting = new UserNotification { Id = "s_12_x:1:PROBLEM:im:alice.im", EventId = "s_12_x", Priority = 4, Status = "PROBLEM", Metric = "cpu.idle", Content = "half-sent", Recipient = "alice.im" };
        await db.ListLeftPushAsync(intake.Notifications.CombiningKey(ChannelKind.Im, "dead"), System.Text.Json.JsonSerializer.Serialize(waiting, RoutingJsonContext.Default.UserNotification));
        await db.HashSetAsync(intake.Harness.Prefix + ":consumers", "dead", "token|0");

        await intake.Harness.StartAsync(intake.Harness.Options("a"), intake.Handler(), owned: [intake.Notifications]);
        await Poll.UntilAsync(async () => await intake.Harness.LengthAsync(intake.Notifications.CombiningKey(ChannelKind.Im, "a")) == 1, what: "the list moved to instance a");
        await intake.Combiner.RunOnceAsync(CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(intake.Dispatcher.Messages.Select(static m => (m.Id, m.Content, m.Recipients.Single())), Is.EqualTo(new[] { (waiting.Id, "half-sent", "alice.im") }));
            Assert.That(await intake.CombinerListsAsync(), Is.Zero);
            Assert.That(await intake.Harness.LengthAsync(intake.Notifications.CombiningKey(ChannelKind.Im, "dead")), Is.Zero);
            Assert.That((bool)await db.HashExistsAsync(intake.Harness.Prefix + ":consumers", "dead"), Is.False, "the stopped instance is forgotten");
        });
    }

    [Test]
    public async Task Callback_CallsTheActionUrlWithTheEventAndSendsTheResultByAfterCallbackSms()
    {
        using var listener = new HttpListener();
        var port = Servers.ServerProcess.FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var request = ServeOnceAsync(listener, "done");
        var url = $"http://127.0.0.1:{port}/hook";
        await using var intake = await AlarmIntake.CreateAsync(cluster: false, callbackUrl: url);
        var e = TestEvents.Strategy(id: "s_12_callback", priority: 1, actionId: 2);
        await intake.Harness.PushAsync(e);

        await intake.Harness.StartAsync(intake.Harness.Options("a"), intake.Handler());

        var query = await request.WaitAsync(TimeSpan.FromSeconds(20));
        var messages = await Poll.ForAsync(() => Task.FromResult(intake.Dispatcher.Messages), static m => m.Any(static x => x.Content.StartsWith("curl", StringComparison.Ordinal)));
        Assert.Multiple(() =>
        {
            Assert.That(query, Does.Contain("endpoint=host-a").And.Contain("metric=cpu.idle").And.Contain("status=PROBLEM").And.Contain("stra_id=12").And.Contain("priority=1"));
            var after = messages.Where(static m => m.Content.StartsWith("curl", StringComparison.Ordinal)).ToList();
            Assert.That(after.Select(static m => m.Channel), Is.EquivalentTo(new[] { ChannelKind.Sms, ChannelKind.Im }));
            Assert.That(after[0].Content, Is.EqualTo($"curl {url} success. resp: done"));
        });
    }

    [Test]
    public async Task Directory_WhenMySqlFails_KeepsTheLastGoodAnswerAndNeverAnEmptyOne()
    {
        await using var intake = await AlarmIntake.CreateAsync(cluster: false);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var directory = new RecipientDirectory(intake.Db.Databases, Options.Create(new RoutingOptions()), time, NullLogger<RecipientDirectory>.Instance);
        var first = await directory.GetAsync(1, CancellationToken.None);
        await AlarmIntake.ExecuteAsync(intake.Db.Databases.Portal, "RENAME TABLE action TO action_gone");
        time.Advance(TimeSpan.FromMinutes(5));

        var during = await directory.GetAsync(1, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first!.Users.Select(static u => u.Name), Is.EqualTo(new[] { "alice", "bob", "carol" }));
            Assert.That(during, Is.SameAs(first));
        });
        Assert.That(async () => await directory.GetAsync(2, CancellationToken.None), Throws.InstanceOf<MySqlConnector.MySqlException>(), "no answer yet: fail, so the event is retried");
        await AlarmIntake.ExecuteAsync(intake.Db.Databases.Portal, "RENAME TABLE action_gone TO action");
        await AlarmIntake.ExecuteAsync(intake.Db.Databases.Portal, "UPDATE action SET uic = 'dba' WHERE id = 1");
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.That((await directory.GetAsync(1, CancellationToken.None))!.Users.Select(static u => u.Name), Is.EqualTo(new[] { "bob", "carol" }), "refreshed once MySQL is back");
    }

    [Test]
    public async Task Directory_OnTheConsolesChangeSignal_LooksTheActionUpAgain_WithoutWaitingForItsTtl()
    {
        await using var intake = await AlarmIntake.CreateAsync(cluster: false);
        var server = await TestServers.RedisAsync();
        await using var redis = new RedisConnection(Options.Create(new RedisOptions { Connection = server.Connection }), NullLogger<RedisConnection>.Instance);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var directory = new RecipientDirectory(intake.Db.Databases, Options.Create(new RoutingOptions()), time, NullLogger<RecipientDirectory>.Instance);
        using var listener = new RecipientChangeSignal(redis, directory, Options.Create(new RoutingOptions()), time, NullLogger<RecipientChangeSignal>.Instance);
        await listener.StartAsync(CancellationToken.None);
        var signal = new ConfigChangeSignal(redis);
        var first = await directory.GetAsync(1, CancellationToken.None);
        await AlarmIntake.ExecuteAsync(intake.Db.Databases.Portal, "UPDATE action SET uic = 'dba' WHERE id = 1");

        // The clock stands still: only the signal can make the cached answer stale. Published until it is heard.
        var after = await Poll.ForAsync(
            async () =>
            {
                await signal.PublishChangedAsync("action 1", CancellationToken.None);
                return (await directory.GetAsync(1, CancellationToken.None))!.Users.Select(static u => u.Name).ToArray();
            },
            static names => names.SequenceEqual(["bob", "carol"]));
        await listener.StopAsync(CancellationToken.None);

        Assert.That(first!.Users.Select(static u => u.Name), Is.EqualTo(new[] { "alice", "bob", "carol" }));
        Assert.That(after, Is.EqualTo(new[] { "bob", "carol" }));
    }

    [Test]
    public async Task Directory_ExpiredByAChange_WhileMySqlFails_StillAnswersWithTheLastGoodRecipients()
    {
        await using var intake = await AlarmIntake.CreateAsync(cluster: false);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var directory = new RecipientDirectory(intake.Db.Databases, Options.Create(new RoutingOptions()), time, NullLogger<RecipientDirectory>.Instance);
        var first = await directory.GetAsync(1, CancellationToken.None);
        await AlarmIntake.ExecuteAsync(intake.Db.Databases.Portal, "UPDATE action SET uic = 'dba' WHERE id = 1");
        directory.ExpireAll();
        var changed = await directory.GetAsync(1, CancellationToken.None);
        await AlarmIntake.ExecuteAsync(intake.Db.Databases.Portal, "RENAME TABLE action TO action_gone");
        directory.ExpireAll();

        var during = await directory.GetAsync(1, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first!.Users.Select(static u => u.Name), Is.EqualTo(new[] { "alice", "bob", "carol" }));
            Assert.That(changed!.Users.Select(static u => u.Name), Is.EqualTo(new[] { "bob", "carol" }), "expired: asked again");
            Assert.That(during, Is.SameAs(changed), "a change signal never leaves an action with no one");
        });
    }

    [Test]
    public async Task Directory_AnAnswerLoadedWhileTheConfigurationChanged_IsNotKeptAsFresh()
    {
        await using var intake = await AlarmIntake.CreateAsync(cluster: false);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var directory = new RecipientDirectory(intake.Db.Databases, Options.Create(new RoutingOptions()), time, NullLogger<RecipientDirectory>.Instance);
        await using var locker = await intake.Db.Databases.Uic.OpenConnectionAsync(CancellationToken.None);
        await using (var lockUsers = new MySqlConnector.MySqlCommand("LOCK TABLES `user` WRITE, team WRITE, rel_team_user WRITE", locker))
        {
            await lockUsers.ExecuteNonQueryAsync();
        }

        // The lookup reads action 1 (team ops) and then waits for uic; the action changes and the signal arrives meanwhile.
        var loading = directory.GetAsync(1, CancellationToken.None);
        await Poll.UntilAsync(async () => Convert.ToInt64(await ScalarAsync(locker, "SELECT COUNT(*) FROM information_schema.processlist WHERE state LIKE 'Waiting for table%'"), System.Globalization.CultureInfo.InvariantCulture) > 0,
            what: "the lookup waits for the locked uic tables");
        await AlarmIntake.ExecuteAsync(intake.Db.Databases.Portal, "UPDATE action SET uic = 'dba' WHERE id = 1");
        directory.ExpireAll();
        await ScalarAsync(locker, "UNLOCK TABLES");
        var loaded = await loading;

        var next = await directory.GetAsync(1, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(loaded!.Users.Select(static u => u.Name), Is.EqualTo(new[] { "alice", "bob", "carol" }), "read before the change");
            Assert.That(next!.Users.Select(static u => u.Name), Is.EqualTo(new[] { "bob", "carol" }), "the clock stood still, yet it was asked again");
        });
    }

    private static async Task<object?> ScalarAsync(MySqlConnector.MySqlConnection connection, string sql)
    {
        await using var command = new MySqlConnector.MySqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task<string> ServeOnceAsync(HttpListener listener, string body)
    {
        var context = await listener.GetContextAsync();
        var query = context.Request.Url!.Query;
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = 200;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
        return query;
    }
}
