using System.Net;
using System.Text;
using System.Text.Json;
using Falcon.Shared.Model.Agents;
using Falcon.Shared.Wire;
using Falcon.Tests.Integration.Roles.Alarm.Channels;
using Falcon.Tests.Integration.Roles.Alarm.Routing;
using Falcon.Tests.Integration.Shared.Portal;
using StackExchange.Redis;

namespace Falcon.Tests.Integration.Hosting;

/// <summary>
/// An emoji endpoint, hostname and tag through a real `falcon run --role all` (hbs, transfer, judge, alarm) on real
/// Redis, MariaDB and VictoriaMetrics: on open-falcon's utf8 tables the alarm is recorded with U+FFFD and delivered,
/// after `falcon db migrate --utf8mb4` it is recorded as sent; either way the alarms and host rows after it flow on.
/// </summary>
[Category("Integration")]
public sealed class EmojiPipelineProcessTests
{
    private const string Fire = "\U0001F525";

    [TestCase(false, TestName = "EmojiEndpointHostnameAndTag_OnOpenFalconsUtf8Tables_AreRecordedWithReplacementAndDelivered_AndTheNextAlarmsFlow")]
    [TestCase(true, TestName = "EmojiEndpointHostnameAndTag_AfterMigrateUtf8mb4_AreRecordedVerbatimAndDelivered_AndTheNextAlarmsFlow")]
    public async Task EmojiThroughThePipeline(bool utf8mb4)
    {
        await using var db = await PortalDatabase.CreateAsync();
        if (utf8mb4)
        {
            await db.ConvertToUtf8mb4Async();
        }

        await SeedAsync(db);
        var redis = await TestServers.RedisAsync();
        var tsdb = await TestServers.VictoriaMetricsAsync();
        await using var webhook = await FakeProviderServer.StartAsync();
        var prefix = "emoji" + Guid.NewGuid().ToString("N")[..8];
        var queue = Path.Combine(Path.GetTempPath(), prefix + "-queue");
        try
        {
            await RunAsync(db, redis, tsdb, webhook, prefix, queue, utf8mb4);
        }
        finally
        {
            if (Directory.Exists(queue))
            {
                Directory.Delete(queue, recursive: true);
            }
        }
    }

    private static async Task RunAsync(
        PortalDatabase db, Servers.RedisServer redis, Servers.VictoriaMetricsServer tsdb, FakeProviderServer webhook, string prefix, string queue, bool utf8mb4)
    {
        int Port() => Servers.ServerProcess.FreePort();
        var (hbsRpc, transferHttp) = (Port(), Port());
        using var falcon = ProcessShutdownTests.StartFalcon(Arguments(db, redis, tsdb, webhook, prefix, queue, hbsRpc, transferHttp, Port));
        var output = ProcessShutdownTests.Capture(falcon.Process);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await using var hbs = new JsonRpcClient([$"127.0.0.1:{hbsRpc}"], new JsonRpcClientOptions { CallTimeout = TimeSpan.FromSeconds(5) });
        var endpoint = $"web-{Fire}-{prefix}";
        var stored = utf8mb4 ? endpoint : endpoint.Replace(Fire, "\uFFFD", StringComparison.Ordinal);

        // Host rows: the emoji hostname, then a plain one after it.
        await Poll.UntilAsync(
            async () => falcon.Process.HasExited
                ? throw new AssertionException($"falcon exited with {falcon.Process.ExitCode}:\n{output}")
                : await TryAsync(() => HeartbeatAsync(hbs, endpoint)),
            TimeSpan.FromSeconds(120),
            "hbs answers",
            TimeSpan.FromMilliseconds(500));
        await HeartbeatAsync(hbs, $"plain-{prefix}");
        await Poll.UntilAsync(async () => (await HostsAsync(db, prefix)).Count == 2, TimeSpan.FromSeconds(30), "both host rows written\n" + output);

        // Alarms: the emoji endpoint and tag, then a plain endpoint; pushed until judge has the expression (it syncs every second).
        var emojiCase = await PushUntilRecordedAsync(http, transferHttp, db, endpoint, stored, $"role=db,icon={Fire}", output);
        var plainCase = await PushUntilRecordedAsync(http, transferHttp, db, $"plain-{prefix}", $"plain-{prefix}", "role=db", output);
        await Poll.UntilAsync(
            () => Task.FromResult(DeliveredEventIds(webhook).IsSupersetOf([emojiCase.Id, plainCase.Id])),
            TimeSpan.FromSeconds(60),
            "both alarms delivered\n" + output);

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Connection);
        var deadLetters = await connection.GetDatabase().ListLengthAsync($"{prefix}:deadletter");
        var hosts = await HostsAsync(db, prefix);
        var message = webhook.Requests.Select(static r => JsonDocument.Parse(r.Body).RootElement)
            .First(r => r.GetProperty("eventId").GetString() == emojiCase.Id);
        Assert.Multiple(() =>
        {
            Assert.That(hosts, Is.EquivalentTo(new[] { stored, $"plain-{prefix}" }));
            Assert.That(emojiCase.Endpoint, Is.EqualTo(stored));
            Assert.That(emojiCase.Metric, Is.EqualTo(utf8mb4 ? $"emoji.load/icon={Fire},role=db" : "emoji.load/icon=\uFFFD,role=db"));
            Assert.That(Strings(message), Has.Some.Contains(endpoint), "the message is made from the event, so it carries the endpoint as pushed");
            Assert.That(deadLetters, Is.Zero, "text is fitted, not refused");
            Assert.That(falcon.Process.HasExited, Is.False, output.ToString());
        });
    }

    private static string[] Arguments(
        PortalDatabase db, Servers.RedisServer redis, Servers.VictoriaMetricsServer tsdb, FakeProviderServer webhook, string prefix, string queue, int hbsRpc, int transferHttp, Func<int> port) =>
    [
        "run", "--role", "all",
        "--set", $"redis.connection={redis.Connection}",
        "--set", $"mysql.portal={db.Options.Portal}",
        "--set", $"mysql.uic={db.Options.Uic}",
        "--set", $"mysql.alarms={db.Options.Alarms}",
        "--set", $"tsdb.writeUrl={tsdb.WriteUrl}",
        "--set", $"tsdb.queryUrl={tsdb.BaseAddress}",
        "--set", $"hbs.rpcListen=127.0.0.1:{hbsRpc}",
        "--set", $"hbs.httpListen=127.0.0.1:{port()}",
        "--set", $"hbs.cache.keyPrefix={prefix}:hbs",
        "--set", $"transfer.rpcListen=127.0.0.1:{port()}",
        "--set", $"transfer.httpListen=127.0.0.1:{transferHttp}",
        "--set", $"transfer.queue.path={queue}",
        "--set", "transfer.judgeMetricsRefresh=00:00:00.500",
        "--set", $"judge.rpcListen=127.0.0.1:{port()}",
        "--set", $"judge.httpListen=127.0.0.1:{port()}",
        "--set", $"judge.hbs.0=127.0.0.1:{hbsRpc}",
        "--set", "judge.syncInterval=00:00:01",
        "--set", $"judge.eventQueuePattern={prefix}:event:p%v",
        "--set", $"agent.httpListen=127.0.0.1:{port()}",
        "--set", $"agent.hbs.0=127.0.0.1:{hbsRpc}",
        "--set", $"agent.hostname=agent-{prefix}",
        "--set", $"alarm.httpListen=127.0.0.1:{port()}",
        "--set", $"alarm.consumer.instanceId={prefix}-a",
        "--set", $"alarm.consumer.highQueues.0={prefix}:event:p0",
        "--set", $"alarm.consumer.lowQueues.0={prefix}:event:p3",
        "--set", $"alarm.consumer.registryKey={prefix}:consumers",
        "--set", $"alarm.consumer.deadLetterQueue={prefix}:deadletter",
        "--set", "alarm.consumer.pollInterval=00:00:00.050",
        "--set", $"alarm.delivery.keyPrefix={prefix}:delivery",
        "--set", $"alarm.silences.keyPrefix={prefix}:silences",
        "--set", "alarm.im.provider=webhook",
        "--set", $"alarm.im.primary={webhook.Url("/hook")}",
        "--set", "logging.logLevel.Default=Warning",
    ];

    // Expression 9 alarms on any emoji.load above 1 tagged role=db, to action 1: team ops, user alice over IM. The
    // expression and the team hold ASCII only, since on utf8 tables they could not hold the emoji either.
    private static async Task SeedAsync(PortalDatabase db)
    {
        await AlarmIntake.ExecuteAsync(db.Databases.Uic, """
            INSERT INTO team (id, name) VALUES (1, 'ops');
            INSERT INTO `user` (id, name, phone, email, im) VALUES (1, 'alice', '', '', 'alice.im');
            INSERT INTO rel_team_user (tid, uid) VALUES (1, 1);
            """);
        await AlarmIntake.ExecuteAsync(db.Databases.Portal, """
            INSERT INTO action (id, uic, url, callback) VALUES (1, 'ops', '', 0);
            INSERT INTO expression (id, expression, func, op, right_value, max_step, priority, action_id) VALUES (9, 'each(metric=emoji.load role=db)', 'all(#1)', '>', '1', 3, 0, 1);
            """);
    }

    private static async Task<(string Id, string Endpoint, string Metric)> PushUntilRecordedAsync(
        HttpClient http, int transferHttp, PortalDatabase db, string endpoint, string stored, string tags, StringBuilder output)
    {
        (string Id, string Endpoint, string Metric)? found = null;
        await Poll.UntilAsync(
            async () =>
            {
                await PushAsync(http, transferHttp, endpoint, tags);
                // Looked up as stored: an emoji compared with a utf8 column is an error of its own (illegal mix of collations).
                found = await CaseAsync(db, stored);
                return found is not null;
            },
            TimeSpan.FromSeconds(90),
            $"an alarm of {endpoint} recorded\n{output}",
            TimeSpan.FromSeconds(1));
        return found!.Value;
    }

    private static async Task PushAsync(HttpClient http, int port, string endpoint, string tags)
    {
        var body = JsonSerializer.Serialize(new[]
        {
            new Dictionary<string, object>
            {
                ["endpoint"] = endpoint,
                ["metric"] = "emoji.load",
                ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["step"] = 60,
                ["value"] = 5,
                ["counterType"] = "GAUGE",
                ["tags"] = tags,
            },
        });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri($"http://127.0.0.1:{port}/api/push"), content);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private static async Task<(string Id, string Endpoint, string Metric)?> CaseAsync(PortalDatabase db, string endpoint)
    {
        await using var connection = await db.Databases.Alarms.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlConnector.MySqlCommand("SELECT id, endpoint, metric FROM event_cases WHERE endpoint = @e", connection);
        command.Parameters.AddWithValue("@e", endpoint);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), reader.GetString(1), reader.GetString(2)) : null;
    }

    private static async Task<List<string>> HostsAsync(PortalDatabase db, string prefix)
    {
        await using var connection = await db.Databases.Portal.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlConnector.MySqlCommand("SELECT hostname FROM host WHERE hostname LIKE @p", connection);
        command.Parameters.AddWithValue("@p", "%" + prefix);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        // The process's own agent heartbeats too (agent-<prefix>); only the test's hosts count.
        return [.. names.Where(static n => !n.StartsWith("agent-", StringComparison.Ordinal))];
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(static p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private static HashSet<string> DeliveredEventIds(FakeProviderServer webhook) =>
        webhook.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("eventId").GetString()!).ToHashSet(StringComparer.Ordinal);

    private static Task<AgentReportResponse> HeartbeatAsync(JsonRpcClient client, string hostname) =>
        client.CallAsync("Agent.ReportStatus", new AgentReportRequest { Hostname = hostname, IP = "10.0.0.1", AgentVersion = "7.0.0" },
            AgentJsonContext.Default.AgentReportRequest, AgentJsonContext.Default.AgentReportResponse);

    private static async Task<bool> TryAsync(Func<Task> call)
    {
        try
        {
            await call();
            return true;
        }
        catch (Exception e) when (e is JsonRpcException or TimeoutException or IOException or System.Net.Sockets.SocketException or TaskCanceledException)
        {
            return false;
        }
    }
}
