using System.Text.Json;

namespace Falcon.Tests.Integration.Roles.Transfer;

/// <summary>Points the TSDB would cut or drop are refused at acceptance, counted Invalid, and never written.</summary>
[Category("Integration")]
public sealed class TransferBoundsTests
{
    private static readonly long T0 = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60) - 600;

    [Test]
    public async Task A900KbEndpoint_AndA1970Timestamp_AreCountedInvalid_OverJsonRpcAndHttp_AndNotWritten()
    {
        var tsdb = await TestServers.VictoriaMetricsAsync();
        await using var transfer = await TransferInstance.StartAsync(tsdb.WriteUrl);
        using var agent = await GoClientConnection.OpenAsync(transfer.RpcAddress);
        using var http = new HttpClient { BaseAddress = transfer.HttpAddress };
        var host = TransferRoleTests.Host();
        var huge = host + new string('x', 900 * 1024);
        var items = $$"""
            [{"metric":"bounds.test","endpoint":"{{host}}","timestamp":{{T0}},"step":60,"value":1,"counterType":"GAUGE","tags":"via=%"},
             {"metric":"bounds.test","endpoint":"{{huge}}","timestamp":{{T0}},"step":60,"value":2,"counterType":"GAUGE","tags":"via=%"},
             {"metric":"bounds.test","endpoint":"{{host}}","timestamp":1,"step":60,"value":3,"counterType":"GAUGE","tags":"via=%"}]
            """;

        var reply = await agent.CallAsync($$"""{"method":"Transfer.Update","params":[{{items.Replace("%", "rpc", StringComparison.Ordinal)}}],"id":1}""");
        using var push = await http.PostAsync("/api/push", TransferRoleTests.Json(items.Replace("%", "http", StringComparison.Ordinal)));
        using var pushed = JsonDocument.Parse(await push.Content.ReadAsStringAsync());
        await transfer.WrittenAsync();
        var series = await TsdbExport.WaitForAsync(tsdb, """{__name__="bounds.test"}""", 2);

        Assert.Multiple(() =>
        {
            Assert.That(reply, Does.Contain("\"Total\":3,\"Invalid\":2"));
            Assert.That(pushed.RootElement.GetProperty("data").GetProperty("Invalid").GetInt32(), Is.EqualTo(2));
            // Only the valid point of each push; the 900 KB endpoint and 1970 are nowhere, not even cut short.
            Assert.That(series.Keys.Where(k => k.Contains(host, StringComparison.Ordinal)).Order(StringComparer.Ordinal), Is.EqualTo(new[]
            {
                $"__name__=bounds.test,counterType=GAUGE,endpoint={host},via=http",
                $"__name__=bounds.test,counterType=GAUGE,endpoint={host},via=rpc",
            }));
            Assert.That(series.Where(s => s.Key.Contains(host, StringComparison.Ordinal)).SelectMany(s => s.Value), Is.EqualTo(new[] { $"{T0}=1", $"{T0}=1" }));
        });
    }
}
