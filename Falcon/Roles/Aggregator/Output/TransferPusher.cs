using Falcon.Shared.Model;
using Falcon.Shared.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Aggregator.Output;

/// <summary>
/// Pushes results to transfer. With `aggregator.transfer` empty and a transfer role in this process, in memory through
/// <see cref="ILocalTransfer"/> (the same checks and sinks as a `Transfer.Update` call); otherwise with open-falcon's
/// `Transfer.Update` over the addresses (the last one that answered first, then the others, through the failover
/// client the agent uses). Each batch is tried `aggregator.pushAttempts` times with a short backoff. Points waiting
/// are bounded by `aggregator.bufferCapacity`: a step that finds it full waits, and one that cannot be pushed fails,
/// so its fence is released and the step is computed again rather than lost.
/// </summary>
internal sealed class TransferPusher : IAsyncDisposable
{
    private const string LocalName = "in-process";

    private readonly ILocalTransfer? _local;
    private readonly JsonRpcFailover? _remote;
    private readonly SemaphoreSlim _capacity;
    private readonly int _capacityPoints;
    private readonly int _attempts;
    private readonly TimeProvider _time;
    private readonly AggregatorMetrics _metrics;
    private readonly ILogger<TransferPusher> _logger;

    public TransferPusher(IOptions<AggregatorOptions> options, IEnumerable<ILocalTransfer> local, TimeProvider time, AggregatorMetrics metrics, ILogger<TransferPusher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(local);
        var o = options.Value;

        // Addresses given explicitly win, so `--role all` can still push to a transfer cluster elsewhere.
        _local = o.Transfer is { Count: > 0 } ? null : local.FirstOrDefault();
        if (_local is null)
        {
            var dial = o.PushTimeout < TimeSpan.FromSeconds(1) ? o.PushTimeout : TimeSpan.FromSeconds(1);
            _remote = new JsonRpcFailover(o.TransferToAsk(), o.PushTimeout, dial, shuffle: false, logger, time);
        }

        _capacityPoints = o.BufferCapacity;
        _capacity = new SemaphoreSlim(o.BufferCapacity);
        _attempts = o.PushAttempts;
        _time = time;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Where results go: "in-process" or the transfer addresses.</summary>
    public string Destination => _remote is null ? LocalName : string.Join(", ", _remote.Addresses);

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

            await SendAsync(points, cancellationToken).ConfigureAwait(false);
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
        if (_remote is not null)
        {
            await _remote.DisposeAsync().ConfigureAwait(false);
        }

        _capacity.Dispose();
    }

    private async Task SendAsync(IReadOnlyList<MetricValue> points, CancellationToken cancellationToken)
    {
        var param = _remote is null ? default : TransferUpdate.Serialize(points);
        var lastError = "";
        for (var attempt = 1; attempt <= _attempts; attempt++)
        {
            if (await TryOnceAsync(points, param, attempt, cancellationToken).ConfigureAwait(false) is not { } error)
            {
                _metrics.Pushed(points.Count);
                return;
            }

            lastError = error;
            if (attempt < _attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), _time, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new IOException($"no transfer took {points.Count} points after {_attempts} attempts: {lastError}");
    }

    /// <summary>One attempt over every address (or the local transfer); null when it was taken, else why not.</summary>
    private async Task<string?> TryOnceAsync(IReadOnlyList<MetricValue> points, ReadOnlyMemory<byte> param, int attempt, CancellationToken cancellationToken)
    {
        if (_local is not null)
        {
            var reply = _local.Update(points);
            if (reply.Rejection is { } rejection)
            {
                _metrics.PushFailed();
                Log.PushFailed(_logger, LocalName, points.Count, attempt, rejection);
                return $"{LocalName}: {rejection}";
            }

            Refused(LocalName, points.Count, reply.Invalid);
            return null;
        }

        try
        {
            var (result, address) = await _remote!.CallAsync(
                (client, ct) => client.CallRawAsync(TransferUpdate.Method, param, ct),
                (failed, e) =>
                {
                    _metrics.PushFailed();
                    Log.PushFailed(_logger, failed, points.Count, attempt, e.Message);
                },
                cancellationToken).ConfigureAwait(false);
            Refused(address, points.Count, TransferUpdate.ReadReply(result).Invalid);
            return null;
        }
        catch (RpcUnavailableException e)
        {
            return e.Message;
        }
    }

    // Points transfer found invalid are not pushed again (they would be refused again); the log says so.
    private void Refused(string address, int count, int invalid)
    {
        if (invalid > 0)
        {
            Log.PointsRefused(_logger, address, invalid, count);
        }
    }
}
