using System.Globalization;
using Falcon.Shared.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Falcon.Roles.Alarm.Escalation;

/// <summary>
/// Which steps of which cases went out, in Redis, shared by every alarm instance and kept across restarts: a step is
/// claimed with SET NX before it is sent (another instance that finds the key leaves it), marked sent after delivery
/// took it, and released when handing it over failed, so the next scan tries again. A claim that outlives a crash
/// ends after <see cref="ClaimLifetime"/>. A case that recovers and fires again begins anew, and so has new keys.
/// </summary>
internal sealed class EscalationMarks(RedisConnection redis, IOptions<EscalationOptions> options)
{
    /// <summary>How long a claimed step waits for its instance before another may send it.</summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(2);

    public async Task<bool> ClaimAsync(string caseId, long began, int step, CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        return await db.StringSetAsync(Key(caseId, began, step), "claimed", ClaimLifetime, When.NotExists);
    }

    /// <summary>Keeps the mark past the time the step could still be due, so it is never sent again.</summary>
    public async Task MarkSentAsync(string caseId, long began, int step, CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        await db.StringSetAsync(Key(caseId, began, step), "sent", options.Value.MaxLateness + TimeSpan.FromDays(1));
    }

    public async Task ReleaseAsync(string caseId, long began, int step)
    {
        var db = await redis.GetDatabaseAsync(CancellationToken.None);
        await db.KeyDeleteAsync(Key(caseId, began, step));
    }

    private RedisKey Key(string caseId, long began, int step) =>
        string.Create(CultureInfo.InvariantCulture, $"{options.Value.KeyPrefix}:{caseId}:{began}:{step}");
}
