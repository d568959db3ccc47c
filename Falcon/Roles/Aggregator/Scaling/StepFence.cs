using Falcon.Shared.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Falcon.Roles.Aggregator.Scaling;

/// <summary>
/// The fence of each (definition, step) in Redis: absent (to do), `claim:&lt;instance&gt;` with a short TTL (being
/// computed), or `done` (pushed, kept for the catch-up period). A step is pushed only by the instance holding its
/// claim, so two owners during a move never both push; a claim left by a killed instance expires and the step is
/// computed again, giving the identical point.
/// </summary>
internal sealed class StepFence
{
    private const string Done = "done";

    // Turns our own claim into `done`; someone else's claim or mark is left alone. Plain KEYS/ARGV scripts, not
    // LuaScript.Prepare: its parameter binding reflects over an anonymous object, which NativeAOT cannot trim safely.
    private const string CompleteScript =
        "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], 'done', 'PX', ARGV[2]) return 1 end return 0";

    // Drops our own claim so the step is tried again at once.
    private const string ReleaseScript =
        "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end return 0";

    private readonly RedisConnection _redis;
    private readonly AggregatorKeys _keys;
    private readonly TimeSpan _claimTtl;
    private readonly TimeSpan _keepDone;
    private readonly string _claim;

    public StepFence(RedisConnection redis, IOptions<AggregatorOptions> options, AggregatorIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(identity);
        _redis = redis;
        _keys = new AggregatorKeys(options.Value.KeyPrefix);
        _claimTtl = options.Value.ClaimTtl;

        // Done marks outlive the catch-up period, so a step inside it is never computed twice.
        _keepDone = options.Value.CatchUp + options.Value.Lag + TimeSpan.FromHours(1);
        _claim = "claim:" + identity.InstanceId;
    }

    /// <summary>Of <paramref name="steps"/> (one definition), those neither done nor claimed.</summary>
    public async Task<IReadOnlyList<long>> OpenStepsAsync(string definitionKey, IReadOnlyList<long> steps, CancellationToken cancellationToken)
    {
        if (steps.Count == 0)
        {
            return [];
        }

        var db = await _redis.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var values = await db.StringGetAsync([.. steps.Select(s => (RedisKey)_keys.Fence(definitionKey, s))]).ConfigureAwait(false);
        return [.. steps.Where((_, i) => values[i].IsNull)];
    }

    /// <summary>Claims a step; false when another instance holds it or it is done.</summary>
    public async Task<bool> TryClaimAsync(string definitionKey, long step, CancellationToken cancellationToken)
    {
        var db = await _redis.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        return await db.StringSetAsync(_keys.Fence(definitionKey, step), _claim, _claimTtl, When.NotExists).ConfigureAwait(false);
    }

    /// <summary>Marks a claimed step pushed.</summary>
    public async Task<bool> CompleteAsync(string definitionKey, long step, CancellationToken cancellationToken)
    {
        var db = await _redis.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var done = await db.ScriptEvaluateAsync(CompleteScript, [(RedisKey)_keys.Fence(definitionKey, step)], [_claim, (long)_keepDone.TotalMilliseconds]).ConfigureAwait(false);
        return (int)done == 1;
    }

    /// <summary>Gives a claimed step back (it failed), so it is computed again.</summary>
    public async Task ReleaseAsync(string definitionKey, long step, CancellationToken cancellationToken)
    {
        var db = await _redis.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        await db.ScriptEvaluateAsync(ReleaseScript, [(RedisKey)_keys.Fence(definitionKey, step)], [_claim]).ConfigureAwait(false);
    }

    /// <summary>Whether a step is marked done (tests and the preview).</summary>
    public async Task<bool> IsDoneAsync(string definitionKey, long step, CancellationToken cancellationToken)
    {
        var db = await _redis.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        return await db.StringGetAsync(_keys.Fence(definitionKey, step)).ConfigureAwait(false) == Done;
    }
}
