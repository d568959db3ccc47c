using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Falcon.Shared.Wire;

/// <summary>
/// One JSON-RPC client per address (one connection each, as open-falcon's agent keeps), and a call that moves on to
/// the next address when one fails. The clients do not back off themselves: the caller's loop decides when to retry,
/// so a dead address costs one refused connect or one dial timeout, never a wait. Shared by every caller that pushes
/// or asks over open-falcon's protocol with failover (the agent to hbs and transfer, the aggregator to transfer).
/// </summary>
internal sealed class JsonRpcFailover : IAsyncDisposable
{
    private readonly (string Address, JsonRpcClient Client)[] _clients;
    private readonly bool _shuffle;
    private int _preferred;

    /// <summary>Clients for <paramref name="addresses"/>; with <paramref name="shuffle"/> each call takes a random order (transfer), else it starts from the last address that answered (hbs).</summary>
    public JsonRpcFailover(IEnumerable<string> addresses, TimeSpan callTimeout, TimeSpan dialTimeout, bool shuffle, ILogger logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var options = new JsonRpcClientOptions
        {
            CallTimeout = callTimeout,
            DialTimeout = dialTimeout,
            ReconnectDelay = TimeSpan.Zero,
            MaxReconnectDelay = TimeSpan.Zero,
        };
        _clients = [.. addresses.Distinct(StringComparer.OrdinalIgnoreCase).Select(a => (a, new JsonRpcClient([a], options, logger, timeProvider)))];
        if (_clients.Length == 0)
        {
            throw new ArgumentException("At least one address is needed.", nameof(addresses));
        }

        _shuffle = shuffle;
    }

    public IReadOnlyList<string> Addresses => [.. _clients.Select(c => c.Address)];

    /// <summary>Calls <paramref name="call"/> on each address in turn until one succeeds; returns its result and address. <paramref name="onFailure"/> hears of each address that failed.</summary>
    /// <exception cref="RpcUnavailableException">Every address failed.</exception>
    public async Task<(T Result, string Address)> CallAsync<T>(
        Func<JsonRpcClient, CancellationToken, Task<T>> call, Action<string, Exception>? onFailure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var order = Order();
        var errors = new List<string>(order.Length);
        foreach (var index in order)
        {
            var (address, client) = _clients[index];
            try
            {
                var result = await call(client, cancellationToken);
                Volatile.Write(ref _preferred, index);
                return (result, address);
            }
            catch (Exception e) when (IsCallFailure(e, cancellationToken))
            {
                onFailure?.Invoke(address, e);
                errors.Add($"{address}: {e.Message}");
            }
        }

        throw new RpcUnavailableException(string.Join("; ", errors));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, client) in _clients)
        {
            await client.DisposeAsync();
        }
    }

    private static bool IsCallFailure(Exception e, CancellationToken cancellationToken) =>
        e is JsonRpcException or TimeoutException or IOException or SocketException or System.Text.Json.JsonException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private int[] Order()
    {
        var order = new int[_clients.Length];
        var start = _shuffle ? 0 : Volatile.Read(ref _preferred);
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = (start + i) % order.Length;
        }

        if (_shuffle)
        {
            Random.Shared.Shuffle(order);
        }

        return order;
    }
}
