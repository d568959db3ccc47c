using Falcon.Shared.Redis;
using StackExchange.Redis;

namespace Falcon.Shared.Silences;

/// <summary>
/// The silence keys, all under one hash tag so a script can touch them together on a Redis Cluster:
/// `{prefix}:items` (hash id → silence JSON), `{prefix}:expiry` (zset id → until, unix ms) and the channel
/// `{prefix}:changed` that tells every alarm instance to reload.
/// </summary>
internal sealed class SilenceKeys(string prefix)
{
    public const string DefaultPrefix = "falcon_silences";

    public RedisKey Items { get; } = RedisKeys.Companion(prefix, "items");

    public RedisKey Expiry { get; } = RedisKeys.Companion(prefix, "expiry");

    public RedisChannel Changed { get; } = RedisChannel.Literal(RedisKeys.Companion(prefix, "changed"));

    public RedisKey[] All => [Items, Expiry];
}
