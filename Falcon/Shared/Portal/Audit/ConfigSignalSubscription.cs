using Falcon.Shared.Redis;
using StackExchange.Redis;

namespace Falcon.Shared.Portal.Audit;

/// <summary>
/// Subscribes to the configuration signals (<see cref="ConfigChangeSignal"/>), retrying until Redis answers. Once
/// subscribed, StackExchange.Redis subscribes again by itself after every reconnect (a Redis restart included).
/// </summary>
internal static class ConfigSignalSubscription
{
    /// <summary>
    /// Subscribes each handler to its channel; a failure is reported to <paramref name="onFailure"/> (the first of a
    /// run of failures only) and retried every <paramref name="retry"/>. Returns when every channel is subscribed.
    /// </summary>
    public static async Task SubscribeAsync(
        RedisConnection redis,
        IReadOnlyList<(RedisChannel Channel, Action<RedisChannel, RedisValue> Handler)> subscriptions,
        TimeSpan retry,
        TimeProvider timeProvider,
        Action<string> onFailure,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(subscriptions);
        ArgumentNullException.ThrowIfNull(onFailure);
        var done = new bool[subscriptions.Count];
        var failing = false;
        while (true)
        {
            try
            {
                var subscriber = (await redis.GetAsync(cancellationToken)).GetSubscriber();
                for (var i = 0; i < subscriptions.Count; i++)
                {
                    if (done[i])
                    {
                        continue;
                    }

                    var (channel, handler) = subscriptions[i];
                    try
                    {
                        await subscriber.SubscribeAsync(channel, handler).WaitAsync(cancellationToken);
                    }
                    catch (Exception) when (!cancellationToken.IsCancellationRequested)
                    {
                        // A failed SUBSCRIBE may leave the handler registered in the multiplexer: drop it, so the
                        // retry does not make every message arrive twice.
                        await ForgetAsync(subscriber, channel, handler);
                        throw;
                    }

                    done[i] = true;
                }

                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (!failing)
                {
                    failing = true;
                    onFailure(e.Message);
                }

                await Task.Delay(retry, timeProvider, cancellationToken);
            }
        }
    }

    private static async Task ForgetAsync(ISubscriber subscriber, RedisChannel channel, Action<RedisChannel, RedisValue> handler)
    {
        try
        {
            await subscriber.UnsubscribeAsync(channel, handler, CommandFlags.FireAndForget);
        }
        catch (Exception)
        {
            // Without a connection there is nothing to unsubscribe from on the server; the local handler is gone.
        }
    }
}
