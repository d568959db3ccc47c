using Falcon.Shared.Wire;

namespace Falcon.Tests.Shared.Wire;

/// <summary>Starts servers on 127.0.0.1 with a free port and the Go-shaped methods the tests call.</summary>
internal static class WireTestServer
{
    public const string ReportStatusFrame =
        """{"method":"Agent.ReportStatus","params":[{"Hostname":"h1","IP":"10.0.0.1","AgentVersion":"7.0.0","PluginVersion":"x"}],"id":0}""";

    public const string ReportStatusReply = "{\"id\":0,\"result\":{\"code\":0},\"error\":null}\n";

    public static JsonRpcServer Start(
        Action<JsonRpcServer>? register = null,
        JsonRpcServerOptions? options = null,
        TimeProvider? timeProvider = null,
        string address = "127.0.0.1:0")
    {
        var server = new JsonRpcServer(address, options, timeProvider: timeProvider);
        RegisterGoMethods(server);
        register?.Invoke(server);
        server.Start();
        return server;
    }

    public static void RegisterGoMethods(JsonRpcServer server)
    {
        var json = WireTestJsonContext.Default;
        server.Register(
            "Agent.ReportStatus", json.TestAgentReportRequest, json.TestSimpleRpcResponse,
            (request, _) => ValueTask.FromResult(new TestSimpleRpcResponse(string.IsNullOrEmpty(request.Hostname) ? 1 : 0)));
        server.Register(
            "Agent.TrustableIps", json.TestNullRequest, json.String,
            (_, _) => ValueTask.FromResult("10.0.0.1,10.0.0.2"));
        server.Register(
            "Transfer.Update", json.ListTestMetricValue, json.TestTransferResponse,
            (items, _) => ValueTask.FromResult(new TestTransferResponse("ok", items.Count, items.Count(i => i.Step <= 0), 0)));
        server.Register(
            "Test.Echo", json.TestEcho, json.TestEcho,
            async (echo, _) =>
            {
                await Task.Yield();
                return echo with { Text = echo.Text + "!" };
            });
        server.Register(
            "Test.Fail", json.TestNullRequest, json.String,
            (_, _) => throw new InvalidOperationException("boom"));
        server.Register(
            "Test.Refuse", json.TestNullRequest, json.String,
            (_, _) => throw new JsonRpcRefusedException("queue full, retry later"));
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after 10 s.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("The condition did not hold within 10 s.");
            }

            await Task.Delay(5);
        }
    }
}
