using System.Net;
using System.Text.Json;
using Falcon.Tests.Integration.Servers;

namespace Falcon.Tests.Integration.Roles.Transfer;

/// <summary>What transfer does while the TSDB is down: keeps accepted points until it is back, refuses when full.</summary>
[Category("Integration")]
public sealed class TransferBackpressureTests
{
    private static readonly long T0 = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60) - 3600;

    [Test]
    public async Task TsdbStoppedAndStartedAgain_LosesNoAcceptedPoint()
    {
        var port = ServerProcess.FreePort();
        var tsdb = await VictoriaMetricsServer.StartAsync(port);
        try
        {
            await using var transfer = await TransferInstance.StartAsync(tsdb.WriteUrl, "transfer.batchSize=7");
            using var agent = await GoClientConnection.OpenAsync(transfer.RpcAddress);
            var host = TransferRoleTests.Host();

            await tsdb.DisposeAsync();
            for (var batch = 0; batch < 10; batch++)
            {
                var reply = await agent.CallAsync(Update(host, batch, 5));
                Assert.That(reply, Does.Contain("\"Message\":\"ok\"").And.Contain("\"Invalid\":0"));
            }

            // Long enough for several failed attempts per sender.
            await Task.Delay(TimeSpan.FromSeconds(2));
            tsdb = await VictoriaMetricsServer.StartAsync(port);

            await transfer.WrittenAsync();

            var series = await TsdbExport.WaitForAsync(tsdb, $$"""{__name__="load.test",endpoint="{{host}}"}""", 50);
            Assert.That(series.Values.Sum(v => v.Count), Is.EqualTo(50));
        }
        finally
        {
            await tsdb.DisposeAsync();
        }
    }

    [Test]
    public async Task FullQueue_MakesIngestAnswerWithAnError_OverJsonRpcAndHttp()
    {
        // A TSDB that is not there: nothing leaves the queue.
        var deadUrl = new Uri($"http://127.0.0.1:{ServerProcess.FreePort()}/api/v1/write");
        await using var transfer = await TransferInstance.StartAsync(deadUrl, "transfer.queueCapacity=8", "transfer.flushTimeout=00:00:00.200");
        using var agent = await GoClientConnection.OpenAsync(transfer.RpcAddress);
        using var http = new HttpClient { BaseAddress = transfer.HttpAddress };
        var host = TransferRoleTests.Host();

        var fits = await agent.CallAsync(Update(host, 0, 5));
        var tooMany = await agent.CallAsync(Update(host, 1, 5));
        var stillFits = await agent.CallAsync(Update(host, 2, 3));
        using var push = await http.PostAsync("/api/push", TransferRoleTests.Json($$"""[{"metric":"a","endpoint":"{{host}}","timestamp":{{T0}},"step":60,"value":1,"counterType":"GAUGE","tags":""}]"""));

        using var error = JsonDocument.Parse(tooMany);
        using var pushBody = JsonDocument.Parse(await push.Content.ReadAsStringAsync());
        Assert.Multiple(() =>
        {
            Assert.That(fits, Does.Contain("\"Total\":5"));
            Assert.That(error.RootElement.GetProperty("result").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(error.RootElement.GetProperty("error").GetString(), Does.Contain("overloaded"));
            Assert.That(stillFits, Does.Contain("\"Total\":3"), "the refused batch took no room");
            Assert.That(push.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(pushBody.RootElement.GetProperty("msg").GetString(), Does.Contain("overloaded"));
            Assert.That(pushBody.RootElement.GetProperty("data").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    private static string Update(string host, int batch, int points) =>
        "{\"method\":\"Transfer.Update\",\"params\":[["
        + string.Join(',', Enumerable.Range(0, points).Select(i =>
            $$"""{"metric":"load.test","endpoint":"{{host}}","timestamp":{{T0 + (60 * ((batch * points) + i))}},"step":60,"value":{{i}},"counterType":"GAUGE","tags":""}"""))
        + $"]],\"id\":{batch}}}";
}
