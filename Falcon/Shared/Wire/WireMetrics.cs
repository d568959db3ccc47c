using System.Diagnostics.Metrics;

namespace Falcon.Shared.Wire;

/// <summary>Connection, request and error counters of the JSON-RPC server and client.</summary>
internal sealed class WireMetrics
{
    /// <summary>Meter name used when a role passes no meter of its own.</summary>
    public const string DefaultMeterName = "Falcon.Wire";

    private readonly UpDownCounter<long> _serverConnections;
    private readonly Counter<long> _serverRequests;
    private readonly Counter<long> _serverErrors;
    private readonly Counter<long> _clientCalls;
    private readonly Counter<long> _clientErrors;
    private readonly Counter<long> _clientConnects;

    public WireMetrics(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _serverConnections = meter.CreateUpDownCounter<long>(
            "falcon.wire.server.connections", "{connection}", "Open JSON-RPC server connections.");
        _serverRequests = meter.CreateCounter<long>(
            "falcon.wire.server.requests", "{request}", "JSON-RPC requests received.");
        _serverErrors = meter.CreateCounter<long>(
            "falcon.wire.server.errors", "{error}", "JSON-RPC server errors by error.type.");
        _clientCalls = meter.CreateCounter<long>(
            "falcon.wire.client.calls", "{call}", "JSON-RPC calls made.");
        _clientErrors = meter.CreateCounter<long>(
            "falcon.wire.client.errors", "{error}", "Failed JSON-RPC calls by error.type.");
        _clientConnects = meter.CreateCounter<long>(
            "falcon.wire.client.connects", "{connection}", "JSON-RPC client connections opened.");
    }

    public void ConnectionOpened() => _serverConnections.Add(1);

    public void ConnectionClosed() => _serverConnections.Add(-1);

    /// <summary>Counts a request; <paramref name="method"/> must be a registered name (or "unknown") to bound the tag values.</summary>
    public void RequestReceived(string method) => _serverRequests.Add(1, new KeyValuePair<string, object?>("rpc.method", method));

    public void ServerError(string errorType) => _serverErrors.Add(1, new KeyValuePair<string, object?>("error.type", errorType));

    public void CallMade(string method) => _clientCalls.Add(1, new KeyValuePair<string, object?>("rpc.method", method));

    public void CallFailed(string errorType) => _clientErrors.Add(1, new KeyValuePair<string, object?>("error.type", errorType));

    public void ClientConnected() => _clientConnects.Add(1);
}
