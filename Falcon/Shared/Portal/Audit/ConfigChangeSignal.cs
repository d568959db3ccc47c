using Falcon.Shared.Redis;
using StackExchange.Redis;

namespace Falcon.Shared.Portal.Audit;

/// <summary>
/// The Redis signal that makes a configuration change take effect at once. The console publishes on
/// <see cref="Changed"/> after it commits a change to falcon_portal; the hbs instance holding the snapshot refresh lock
/// reloads the tables on it instead of waiting for its period, publishes the new snapshot, and then publishes on
/// <see cref="Applied"/>, on which judges re-sync their rules from hbs. Pub/sub is best effort: a lost message only
/// means the change arrives at the next regular refresh.
/// </summary>
internal sealed class ConfigChangeSignal(RedisConnection redis)
{
    /// <summary>Published by the console after a committed change; the message says what changed (for logs).</summary>
    public static readonly RedisChannel Changed = RedisChannel.Literal("falcon:config:changed");

    /// <summary>Published by hbs once the snapshot holding the change is served; the message is its generation.</summary>
    public static readonly RedisChannel Applied = RedisChannel.Literal("falcon:config:applied");

    /// <summary>Announces a committed change; returns how many subscribers heard it, or -1 when Redis is unreachable.</summary>
    public async Task<long> PublishChangedAsync(string what, CancellationToken cancellationToken)
    {
        try
        {
            var multiplexer = await redis.GetAsync(cancellationToken);
            return await multiplexer.GetSubscriber().PublishAsync(Changed, what);
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            // RedisTimeoutException is a TimeoutException, not a RedisException: a command held while disconnected ends in it.
            return -1; // the change is committed; hbs picks it up at its next period
        }
    }
}
