using System.Globalization;
using System.Net;
using System.Text;
using Falcon.Shared.Model.Agents;
using Falcon.Shared.Wire;
using Falcon.Tests.Integration.Shared.Portal;
using Falcon.Tests.Roles.Alarm.Consumption;
using StackExchange.Redis;

namespace Falcon.Tests.Integration.Hosting;

/// <summary>
/// `falcon run --role all` as a real process while its Redis connections are killed again and again under load: a
/// cancelled or failed Redis command is one role's trouble, retried, and never stops the process or another role.
/// </summary>
[Category("Integration")]
public sealed class RedisConnectionsKilledTests
{
    [Test]
    public async Task RoleAll_RedisConnectionsKilledUnderLoad_EveryRoleStillServes()
    {
        await using var db = await PortalDatabase.CreateAsync();
        var redis = await TestServers.RedisAsync();
        var tsdb = await TestServers.VictoriaMetricsAsync();
        var prefix = "kill" + Guid.NewGuid().ToString("N")[..8];
        int Port() => Servers.ServerProcess.FreePort();
        var (hbsRpc, transferHttp, alarmHttp) = (Port(), Port(), Port());
        string[] arguments =
        [
            "run", "--role", "all",
            // Its own client name, so the test kills this process's connections only, not other tests'.
            "--set", $"redis.connection={redis.Connection},name={prefix}",
            "--set", $"mysql.portal={db.Options.Portal}",
            "--set", $"mysql.uic={db.Options.Uic}",
            "--set", $"mysql.alarms={db.Options.Alarms}",
            "--set", $"tsdb.writeUrl={tsdb.WriteUrl}",
            "--set", $"tsdb.queryUrl={tsdb.BaseAddress}",
            "--set", $"hbs.rpcListen=127.0.0.1:{hbsRpc}",
            "--set", $"hbs.httpListen=127.0.0.1:{Port()}",
            "--set", $"hbs.cache.keyPrefix={prefix}:hbs",
            "--set", $"transfer.rpcListen=127.0.0.1:{Port()}",
            "--set", $"transfer.httpListen=127.0.0.1:{transferHttp}",
            "--set", $"judge.rpcListen=127.0.0.1:{Port()}",
            "--set", $"judge.httpListen=127.0.0.1:{Port()}",
            "--set", $"judge.hbs.0=127.0.0.1:{hbsRpc}",
            "--set", $"judge.eventQueuePattern={prefix}:event:p%v",
            "--set", $"agent.httpListen=127.0.0.1:{Port()}",
            "--set", $"agent.hbs.0=127.0.0.1:{hbsRpc}",
            "--set", "agent.hostname=kill-agent",
            "--set", $"alarm.httpListen=127.0.0.1:{alarmHttp}",
            "--set", $"alarm.consumer.instanceId={prefix}-a",
            "--set", $"alarm.consumer.highQueues.0={prefix}:event:p0",
            "--set", $"alarm.consumer.lowQueues.0={prefix}:event:p3",
            "--set", $"alarm.consumer.registryKey={prefix}:consumers",
            "--set", $"alarm.consumer.deadLetterQueue={prefix}:deadletter",
            "--set", "alarm.consumer.pollInterval=00:00:00.050",
            "--set", $"alarm.routing.userSmsQueue={prefix}:/queue/user/sms",
            "--set", $"alarm.routing.userImQueue={prefix}:/queue/user/im",
            "--set", $"alarm.routing.userMailQueue={prefix}:/queue/user/mail",
            "--set", $"alarm.delivery.keyPrefix={prefix}:delivery",
            "--set", $"alarm.silences.keyPrefix={prefix}:silences",
            "--set", "alarm.silences.linkBaseUrl=https://alarm.example.com",
            "--set", "alarm.silences.linkSecret=0123456789abcdef0123456789abcdef-link-secret",
            "--set", "logging.logLevel.Default=Warning",
        ];
        using var falcon = ProcessShutdownTests.StartFalcon(arguments);
        var output = ProcessShutdownTests.Capture(falcon.Process);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await using var hbs = new JsonRpcClient([$"127.0.0.1:{hbsRpc}"], new JsonRpcClientOptions { CallTimeout = TimeSpan.FromSeconds(5) });
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Connection + ",allowAdmin=true");
        var db0 = admin.GetDatabase();

        await Poll.UntilAsync(async () => await ServesAsync(hbs, http, transferHttp, alarmHttp), TimeSpan.FromSeconds(90), "every role serving before the kills\n" + output);
        await db0.ListLeftPushAsync($"{prefix}:event:p0", Event(0));

        // Load: heartbeats, pushes and events the whole time; kills: every connection of the process, twenty times.
        using var stopLoad = new CancellationTokenSource();
        var load = LoadAsync(hbs, http, transferHttp, db0, prefix, stopLoad.Token);
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        var killed = 0;
        for (var round = 0; round < 20; round++)
        {
            killed += await KillAsync(server, prefix);
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        await stopLoad.CancelAsync();
        var (sent, pushed) = await load;

        Assert.That(killed, Is.GreaterThan(0), "the test killed no connection");
        Assert.That(falcon.Process.HasExited, Is.False, output.ToString());
        await Poll.UntilAsync(async () => await ServesAsync(hbs, http, transferHttp, alarmHttp), TimeSpan.FromSeconds(60), "every role serving after the kills\n" + output);
        // The alarm consumer loop still runs: every event pushed, during and after the kills, is recorded.
        // (A push whose reply was lost to a kill may have landed: at least every acknowledged one, at most every attempt.)
        await db0.ListLeftPushAsync($"{prefix}:event:p0", Event(sent + 1));
        await Poll.UntilAsync(
            async () => await CasesAsync(db, $"s_12_{sent + 1:D32}") == 1,
            TimeSpan.FromSeconds(60),
            "the event pushed after the kills recorded\n" + output);
        // Workers record in parallel, so the last event can land before earlier ones on other workers: wait for them.
        await Poll.UntilAsync(async () => await CasesAsync(db, null) >= pushed + 2, TimeSpan.FromSeconds(60), "every acknowledged event recorded\n" + output);
        Assert.That(await CasesAsync(db, null), Is.LessThanOrEqualTo(sent + 2), output.ToString());
        Assert.That(falcon.Process.HasExited, Is.False, output.ToString());
    }

    private static async Task<int> KillAsync(IServer server, string name)
    {
        var killed = 0;
        var list = (string)(await server.ExecuteAsync("CLIENT", "LIST"))!;
        foreach (var line in list.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ').Select(static f => f.Split('=', 2)).Where(static f => f.Length == 2).ToDictionary(static f => f[0], static f => f[1]);
            if (fields.GetValueOrDefault("name") == name && fields.TryGetValue("id", out var id))
            {
                await server.ExecuteAsync("CLIENT", "KILL", "ID", id);
                killed++;
            }
        }

        return killed;
    }

    private static async Task<long> CasesAsync(PortalDatabase db, string? id)
    {
        await using var connection = await db.Databases.Alarms.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlConnector.MySqlCommand("SELECT COUNT(*) FROM event_cases WHERE @id IS NULL OR id = @id", connection);
        command.Parameters.AddWithValue("@id", id);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Runs the load until stopped; returns the events attempted and those Redis acknowledged.</summary>
    private static async Task<(int Sent, int Pushed)> LoadAsync(JsonRpcClient hbs, HttpClient http, int transferHttp, IDatabase db, string prefix, CancellationToken stop)
    {
        var events = 0;
        var pushed = 0;
        while (!stop.IsCancellationRequested)
        {
            events++;
            // Failures during the kills are expected and ignored: the point is that nothing stops for good.
            await Ignore(HeartbeatAsync(hbs, $"load-{events % 50}"));
            await Ignore(PushAndDisposeAsync(http, transferHttp, events));
            if (await Ignore(db.ListLeftPushAsync($"{prefix}:event:p0", Event(events))))
            {
                pushed++;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        }

        return (events, pushed);
    }

    private static async Task<bool> Ignore(Task task)
    {
        try
        {
            await task;
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or JsonRpcException or HttpRequestException or TaskCanceledException or IOException or System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static async Task PushAndDisposeAsync(HttpClient http, int port, int i)
    {
        using var response = await PushAsync(http, port, i);
    }

    private static async Task<bool> ServesAsync(JsonRpcClient hbs, HttpClient http, int transferHttp, int alarmHttp)
    {
        try
        {
            await HeartbeatAsync(hbs, "probe-host");
            using var push = await PushAsync(http, transferHttp, 0);
            using var alarm = await http.GetAsync(new Uri($"http://127.0.0.1:{alarmHttp}/api/alarms"));
            return push.StatusCode == HttpStatusCode.OK && (int)alarm.StatusCode < 500;
        }
        catch (Exception e) when (e is JsonRpcException or HttpRequestException or TaskCanceledException or TimeoutException or IOException or System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static Task<AgentReportResponse> HeartbeatAsync(JsonRpcClient client, string hostname) =>
        client.CallAsync("Agent.ReportStatus", new AgentReportRequest { Hostname = hostname, IP = "10.0.0.1", AgentVersion = "7.0.0" },
            AgentJsonContext.Default.AgentReportRequest, AgentJsonContext.Default.AgentReportResponse);

    private static async Task<HttpResponseMessage> PushAsync(HttpClient http, int port, int i)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var body = string.Create(CultureInfo.InvariantCulture,
            $$"""[{"endpoint":"kill-host","metric":"load.{{i % 10}}","timestamp":{{now}},"step":60,"value":{{i}},"counterType":"GAUGE","tags":""}]""");
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await http.PostAsync(new Uri($"http://127.0.0.1:{port}/api/push"), content);
    }

    /// <summary>An event without an action (recorded, not sent), one case per number.</summary>
    private static string Event(int i) =>
        TestEvents.Json(TestEvents.Strategy(id: $"s_12_{i:D32}", eventTime: 1_700_000_000 + i, actionId: 0));
}
