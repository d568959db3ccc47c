using System.Globalization;
using System.Net;
using Falcon.Tests.Integration.Servers;

namespace Falcon.Tests.Integration.Hosting;

/// <summary>
/// /health of a real `falcon run` against dedicated Redis and VictoriaMetrics instances (not the shared ones): the
/// test stops them and /health turns 503 naming the check, /health/live stays 200, and /health?verbose lists every check.
/// </summary>
[Category("Integration")]
public sealed class HealthProcessTests
{
    [Test]
    public async Task Health_Turns503NamingRedisAndTsdb_WhenTheyGoAway_LiveStays200()
    {
        RedisServer? redis = await RedisServer.StartAsync(cluster: false);
        VictoriaMetricsServer? tsdb = await VictoriaMetricsServer.StartAsync();
        try
        {
            var judgeHttp = ServerProcess.FreePort();
            var transferHttp = ServerProcess.FreePort();
            using var falcon = ProcessShutdownTests.StartFalcon(
                "run", "--role", "judge,transfer",
                "--set", $"judge.rpcListen=127.0.0.1:{ServerProcess.FreePort().ToString(CultureInfo.InvariantCulture)}",
                "--set", $"judge.httpListen=127.0.0.1:{judgeHttp.ToString(CultureInfo.InvariantCulture)}",
                "--set", $"transfer.rpcListen=127.0.0.1:{ServerProcess.FreePort().ToString(CultureInfo.InvariantCulture)}",
                "--set", $"transfer.httpListen=127.0.0.1:{transferHttp.ToString(CultureInfo.InvariantCulture)}",
                "--set", $"redis.connection={redis.Connection},abortConnect=false,connectTimeout=1000,syncTimeout=1000",
                "--set", $"tsdb.writeUrl={tsdb.WriteUrl}",
                "--set", $"tsdb.queryUrl={tsdb.BaseAddress}",
                "--set", "host.healthTimeout=00:00:01",
                "--set", "host.healthCacheFor=00:00:00.500");
            var output = ProcessShutdownTests.Capture(falcon.Process);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var judge = new Uri($"http://127.0.0.1:{judgeHttp}");
            var transfer = new Uri($"http://127.0.0.1:{transferHttp}");

            await Poll.ForAsync(() => Status(http, judge, "/health"), s => s.Code == HttpStatusCode.OK);
            await Poll.ForAsync(() => Status(http, transfer, "/health"), s => s.Code == HttpStatusCode.OK);
            var verbose = await Status(http, judge, "/health?verbose");
            Assert.That(verbose.Body, Does.Contain("redis: Healthy"));
            Assert.That(verbose.Body, Does.Not.Contain("tsdb"), "judge does not use the TSDB");

            await redis.DisposeAsync();
            redis = null;
            var down = await Poll.ForAsync(() => Status(http, judge, "/health"), s => s.Code == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(15));
            Assert.That(down.Body, Does.Contain("redis"), output.ToString());
            Assert.That((await Status(http, judge, "/health/live")).Code, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await Status(http, transfer, "/health")).Code, Is.EqualTo(HttpStatusCode.OK), "transfer does not use Redis");

            var tsdbPort = tsdb.Port;
            await tsdb.DisposeAsync();
            tsdb = null;
            var tsdbDown = await Poll.ForAsync(() => Status(http, transfer, "/health"), s => s.Code == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(15));
            Assert.That(tsdbDown.Body, Does.Contain("tsdb"));

            tsdb = await VictoriaMetricsServer.StartAsync(tsdbPort);
            var last = (Code: HttpStatusCode.OK, Body: string.Empty);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((last = await Status(http, transfer, "/health?verbose")).Code != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            Assert.That(last.Code, Is.EqualTo(HttpStatusCode.OK), $"transfer /health after the TSDB returned: {last.Body}\n{output}");
        }
        finally
        {
            if (redis is not null)
            {
                await redis.DisposeAsync();
            }

            if (tsdb is not null)
            {
                await tsdb.DisposeAsync();
            }
        }
    }

    private static async Task<(HttpStatusCode Code, string Body)> Status(HttpClient http, Uri server, string path)
    {
        using var response = await http.GetAsync(new Uri(server, path));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
