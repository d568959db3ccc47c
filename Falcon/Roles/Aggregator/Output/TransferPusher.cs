using System.Buffers;
using System.Net.Sockets;
using System.Text.Json;
using Falcon.Shared.Model;
using Falcon.Shared.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Aggregator.Output;

/// <summary>
/// Pushes results to transfer with open-falcon's `Transfer.Update`, over the `aggregator.transfer` addresses: the last
/// one that answered first, then the others; each batch tried `aggregator.pushAttempts` times with a short backoff.
/// Points waiting are bounded by `aggregator.bufferCapacity`: a step that finds it full waits, and one that cannot
/// be pushed fails, so its fence is released and the step is computed again rather than lost.
/// </summary>
internal sealed class TransferPusher : IAsyncDisposable
{
    private readonly (string Address, JsonRpcClient Client)[] _clients;
    private readonly SemaphoreSlim _capacity;
    private readonly int _capacityPoints;
    private readonly int _attempts;
    private readonly TimeProvider _time;
    private readonly AggregatorMetrics _metrics;
    private readonly ILogger<TransferPusher> _logger;
    private int _preferred;

    public TransferPusher(IOptions<AggregatorOptions> options, TimeProvider time, AggregatorMetrics metrics, ILogger<TransferPusher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        var clientOptions = new JsonRpcClientOptions
        {
            CallTimeout = o.PushTimeout,
            DialTimeout = o.PushTimeout < TimeSpan.FromSeconds(1) ? o.PushTimeout : TimeSpan.FromSeconds(1),
            ReconnectDelay = TimeSpan.Zero,
            MaxReconnectDelay = TimeSpan.Zero,
        };
        _clients = [.. o.TransferToAsk().Distinct(StringComparer.OrdinalIgnoreCase).Select(a => (a, new JsonRpcClient([a], clientOptions, logger, time)))];
        _capacityPoints = o.BufferCapacity;
        _capacity = new SemaphoreSlim(o.BufferCapacity);
        _attempts = o.PushAttempts;
        _time = time;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Sends <paramref name="points"/> and returns once a transfer took them.</summary>
    /// <exception cref="IOException">No transfer took them within the attempts.</exception>
    public async Task PushAsync(IReadOnlyList<MetricValue> points, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return;
        }

        var slots = Math.Min(points.Count, _capacityPoints);
        var taken = 0;
        try
        {
            for (; taken < slots; taken++)
            {
                await _capacity.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            await SendAsync(Serialize(points), points.Count, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (taken > 0)
            {
                _capacity.Release(taken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, client) in _clients)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }

        _capacity.Dispose();
    }

    private async Task SendAsync(ReadOnlyMemory<byte> param, int count, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        for (var attempt = 1; attempt <= _attempts; attempt++)
        {
            var start = Volatile.Read(ref _preferred);
            for (var i = 0; i < _clients.Length; i++)
            {
                var index = (start + i) % _clients.Length;
                var (address, client) = _clients[index];
                try
                {
                    await client.CallRawAsync("Transfer.Update", param, cancellationToken).ConfigureAwait(false);
                    Volatile.Write(ref _preferred, index);
                    _metrics.Pushed(count);
                    return;
                }
                catch (Exception e) when (e is JsonRpcException or TimeoutException or IOException or SocketException or JsonException
                    || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    _metrics.PushFailed();
                    Log.PushFailed(_logger, address, count, attempt, e.Message);
                    errors.Add($"{address}: {e.Message}");
                }
            }

            if (attempt < _attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), _time, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new IOException($"no transfer took {count} points after {_attempts} attempts: {string.Join("; ", errors.TakeLast(_clients.Length))}");
    }

    private static ReadOnlyMemory<byte> Serialize(IReadOnlyList<MetricValue> points)
    {
        var buffer = new ArrayBufferWriter<byte>(points.Count * 160);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var point in points)
            {
                JsonSerializer.Serialize(writer, point, ModelJsonContext.Default.MetricValue);
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenMemory;
    }
}
