using System.Collections.Concurrent;
using Falcon.Shared.Model;
using Falcon.Shared.Model.Agents;
using Falcon.Shared.Wire;

namespace Falcon.Tests.Roles.Agent;

/// <summary>
/// A loopback JSON-RPC server speaking what an agent calls on hbs and transfer, recording every request; it can stop
/// and start again on the same port, as a transfer that goes down and comes back.
/// </summary>
internal sealed class RecordingRpcServer : IAsyncDisposable
{
    private JsonRpcServer? _server;

    private RecordingRpcServer(string address)
    {
        Address = address;
    }

    public string Address { get; private set; }

    public ConcurrentQueue<AgentReportRequest> Reports { get; } = new();

    public ConcurrentQueue<AgentHeartbeatRequest> BuiltinRequests { get; } = new();

    public ConcurrentQueue<MetricValue> Points { get; } = new();

    public int TrustableCalls => Volatile.Read(ref _trustableCalls);

    /// <summary>The reply to the next ReportStatus calls.</summary>
    public AgentReportResponse ReportReply { get; set; } = new();

    public BuiltinMetricResponse BuiltinReply { get; set; } = new();

    public string TrustableReply { get; set; } = "";

    private int _trustableCalls;

    public static async Task<RecordingRpcServer> StartAsync(string address = "127.0.0.1:0")
    {
        var server = new RecordingRpcServer(address);
        await server.StartAgainAsync();
        return server;
    }

    public Task StartAgainAsync()
    {
        var server = new JsonRpcServer(Address);
        server.Register("Agent.ReportStatus", AgentJsonContext.Default.AgentReportRequest, AgentJsonContext.Default.AgentReportResponse, (request, _) =>
        {
            Reports.Enqueue(request);
            return ValueTask.FromResult(ReportReply);
        });
        server.Register("Agent.BuiltinMetrics", AgentJsonContext.Default.AgentHeartbeatRequest, AgentJsonContext.Default.BuiltinMetricResponse, (request, _) =>
        {
            BuiltinRequests.Enqueue(request);
            return ValueTask.FromResult(BuiltinReply);
        });
        server.Register("Agent.TrustableIps", AgentJsonContext.Default.NullRpcRequest, AgentJsonContext.Default.String, (_, _) =>
        {
            Interlocked.Increment(ref _trustableCalls);
            return ValueTask.FromResult(TrustableReply);
        });
        server.Register("Transfer.Update", (param, result, _) =>
        {
            var items = MetricValueJson.ReadArray(param);
            foreach (var item in items)
            {
                Points.Enqueue(item!);
            }

            result.WriteStartObject();
            result.WriteString("Message", "ok");
            result.WriteNumber("Total", items.Count);
            result.WriteNumber("Invalid", 0);
            result.WriteNumber("Latency", 0);
            result.WriteEndObject();
            return ValueTask.CompletedTask;
        });
        server.Start();
        _server = server;
        Address = server.BoundAddress;
        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    /// <summary>A loopback address where nothing listens.</summary>
    public static string DeadAddress()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"127.0.0.1:{port}";
    }
}
