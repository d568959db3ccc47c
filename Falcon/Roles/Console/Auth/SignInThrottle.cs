using Falcon.Shared.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Falcon.Roles.Console.Auth;

/// <summary>
/// Counts wrong passwords per user name and per client address in Redis (so every console instance agrees); once
/// either has console.signInAttempts failures within the last console.signInWindow, sign-in is refused until the
/// oldest of them leaves the window.
/// </summary>
/// <remarks>
/// Each key is a sorted set of failure times (unix ms, from the TimeProvider, so tests move the clock), trimmed to the
/// newest signInAttempts entries: a sliding window rather than a counter that resets at a fixed time, so a guesser
/// cannot time bursts to the reset. The key also expires after the window, which only cleans up.
/// </remarks>
internal sealed class SignInThrottle(RedisConnection redis, IOptions<ConsoleOptions> options, TimeProvider timeProvider)
{
    // Sorted sets; the first release kept counters under falcon:console:signin:user:*, so the name differs.
    public const string Prefix = "falcon:console:signin:failures:";

    /// <summary>How long the caller must wait, or null when they may try.</summary>
    public async Task<TimeSpan?> BlockedForAsync(string name, string address, CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        var limit = options.Value.SignInAttempts;
        var window = (long)options.Value.SignInWindow.TotalMilliseconds;
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        long until = 0;
        foreach (var key in Keys(name, address))
        {
            var recent = await db.SortedSetRangeByScoreWithScoresAsync(key, now - window, double.PositiveInfinity, Exclude.Start);
            if (recent.Length >= limit)
            {
                // The newest `limit` failures are kept; the block lasts until the oldest of them is out of the window.
                until = Math.Max(until, (long)recent[^limit].Score + window);
            }
        }

        return until > now ? TimeSpan.FromMilliseconds(until - now) : null;
    }

    public async Task FailedAsync(string name, string address, CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var key in Keys(name, address))
        {
            await db.SortedSetAddAsync(key, $"{now}:{Guid.NewGuid():N}", now);
            await db.SortedSetRemoveRangeByRankAsync(key, 0, -(options.Value.SignInAttempts + 1));
            await db.KeyExpireAsync(key, options.Value.SignInWindow);
        }
    }

    /// <summary>A good password clears the name's failures; the address's stay, so one known account does not reset a guesser.</summary>
    public async Task SucceededAsync(string name, CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        await db.KeyDeleteAsync(Prefix + "user:" + name.ToLowerInvariant());
    }

    private static string[] Keys(string name, string address) =>
        [Prefix + "user:" + name.ToLowerInvariant(), Prefix + "addr:" + address];
}
