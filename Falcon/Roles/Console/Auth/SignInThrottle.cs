using Falcon.Shared.Redis;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Console.Auth;

/// <summary>
/// Counts wrong passwords per user name and per client address in Redis (so every console instance agrees); once
/// either reaches console.signInAttempts within console.signInWindow, sign-in is refused until the window passes.
/// </summary>
internal sealed class SignInThrottle(RedisConnection redis, IOptions<ConsoleOptions> options)
{
    private const string Prefix = "falcon:console:signin:";

    /// <summary>How long the caller must wait, or null when they may try.</summary>
    public async Task<TimeSpan?> BlockedForAsync(string name, string address, CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        var limit = options.Value.SignInAttempts;
        foreach (var key in Keys(name, address))
        {
            var count = await db.StringGetAsync(key);
            if (count.HasValue && (long)count >= limit)
            {
                return await db.KeyTimeToLiveAsync(key) ?? options.Value.SignInWindow;
            }
        }

        return null;
    }

    public async Task FailedAsync(string name, string address, CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        foreach (var key in Keys(name, address))
        {
            if (await db.StringIncrementAsync(key) == 1)
            {
                await db.KeyExpireAsync(key, options.Value.SignInWindow);
            }
        }
    }

    public async Task SucceededAsync(string name, CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        await db.KeyDeleteAsync(Prefix + "user:" + name.ToLowerInvariant());
    }

    private static string[] Keys(string name, string address) =>
        [Prefix + "user:" + name.ToLowerInvariant(), Prefix + "addr:" + address];
}
