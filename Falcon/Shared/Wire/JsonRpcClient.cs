using System.Diagnostics.Metrics;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Falcon.Shared.Wire;

/// <summary>
/// A Go <c>net/rpc/jsonrpc</c> client: one persistent, pipelined connection to the first reachable address of a
/// list, re-dialled with capped exponential backoff when it breaks. Calls fail with <see cref="JsonRpcException"/>
/// (the server's error string), <see cref="TimeoutException"/> (per-call timeout) or <see cref="IOException"/>
/// (no connection, or it broke while the call was pending).
/// </summary>
internal sealed partial class JsonRpcClient : IAsyncDisposable
{
    private readonly string[] _addresses;
    private readonly JsonRpcClientOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly WireMetrics _metrics;
    private readonly Meter? _ownedMeter;
    private readonly CancellationTokenSource _disposed = new();

    /// <summary>Creates a client for <paramref name="addresses"/> ("host:port" each); nothing is dialled until the first call.</summary>
    public JsonRpcClient(
        IEnumerable<string> addresses,
        JsonRpcClientOptions? options = null,
        ILogger? logger = null,
        TimeProvider? timeProvider = null,
        Meter? meter = null)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        _addresses = [.. addresses];
        if (_addresses.Length == 0)
        {
            throw new ArgumentException("At least one address is needed.", nameof(addresses));
        }

        foreach (var address in _addresses)
        {
            WireEndpoint.Parse(address);
        }

        _options = options ?? new JsonRpcClientOptions();
        _options.Validate();
        _logger = logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        if (meter is null)
        {
            _ownedMeter = new Meter(WireMetrics.DefaultMeterName);
        }

        _metrics = new WireMetrics(meter ?? _ownedMeter!);
        _backoff = _options.ReconnectDelay;
        _next = _options.RandomizeStart ? Random.Shared.Next(_addresses.Length) : 0;
    }

    public IReadOnlyList<string> Addresses => _addresses;

    /// <summary>The address of the open connection, or null.</summary>
    public string? ConnectedAddress => _connection is { IsOpen: true } connection ? connection.Address : null;

    /// <summary>Calls <paramref name="method"/> with <paramref name="request"/> as params[0] and reads the result.</summary>
    public async Task<TResponse> CallAsync<TRequest, TResponse>(
        string method,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestType);
        ArgumentNullException.ThrowIfNull(responseType);
        var result = await CallCoreAsync(
            method,
            (Request: request, Type: requestType),
            static (writer, state) => JsonSerializer.Serialize(writer, state.Request, state.Type),
            cancellationToken);
        // Go peers write nil slices and maps as null; a null result is Go's zero reply.
        var tolerant = GoNullTolerance.For(responseType);
        return result.ValueKind == JsonValueKind.Null
            ? JsonSerializer.Deserialize(ZeroOf(tolerant), tolerant)!
            : result.Deserialize(tolerant)!;
    }

    private static ReadOnlySpan<byte> ZeroOf(JsonTypeInfo typeInfo) => typeInfo.Kind switch
    {
        JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "{}"u8,
        JsonTypeInfoKind.Enumerable => "[]"u8,
        _ => "null"u8,
    };

    /// <summary>Calls <paramref name="method"/> with raw JSON as params[0]; returns the result element (detached).</summary>
    public Task<JsonElement> CallRawAsync(string method, ReadOnlyMemory<byte> paramJson, CancellationToken cancellationToken = default) =>
        CallCoreAsync(method, paramJson, static (writer, json) => writer.WriteRawValue(json.Span), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync();
        await _connectLock.WaitAsync();
        try
        {
            if (_connection is { } connection)
            {
                _connection = null;
                await connection.DisposeAsync();
            }
        }
        finally
        {
            _connectLock.Release();
        }

        _ownedMeter?.Dispose();
    }

    private async Task<JsonElement> CallCoreAsync<TState>(
        string method, TState state, Action<Utf8JsonWriter, TState> writeParam, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        _metrics.CallMade(method);
        using var timeout = new CancellationTokenSource(_options.CallTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token, _disposed.Token);
        try
        {
            var connection = await GetConnectionAsync(linked.Token);
            return await connection.CallAsync(method, state, writeParam, linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && _disposed.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(JsonRpcClient));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            _metrics.CallFailed("timeout");
            throw new TimeoutException($"jsonrpc: {method} timed out after {_options.CallTimeout.TotalMilliseconds} ms");
        }
        catch (JsonRpcException)
        {
            _metrics.CallFailed("remote");
            throw;
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            _metrics.CallFailed("connection");
            throw;
        }
    }
}
