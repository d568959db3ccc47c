using System.Text.Json;
using Falcon.Shared.Model;
using Falcon.Shared.Redis;
using StackExchange.Redis;

namespace Falcon.Shared.Silences;

/// <summary>
/// Silences with Redis as the source of truth and an in-memory snapshot for the per-recipient check. Every change
/// is published on <see cref="SilenceKeys.Changed"/>; whoever calls <see cref="SubscribeAsync"/> and
/// <see cref="ReloadAsync"/> (the alarm's sync loop) keeps the snapshot current on every instance, and a restarted
/// instance rebuilds it with one reload. Expiry is judged against each silence's own end time, never by absence from a
/// reload, so a failed reload keeps the silences it had instead of dropping them.
/// </summary>
internal sealed class SilenceStore(RedisConnection redis, SilenceKeys keys, TimeProvider timeProvider)
{
    /// <summary>How long an ended silence stays in Redis before a script deletes it, so instances with skewed clocks agree.</summary>
    public static readonly TimeSpan PruneGrace = TimeSpan.FromMinutes(1);

    private SilenceSnapshot _snapshot = SilenceSnapshot.Empty;

    /// <summary>The silences this instance holds now.</summary>
    public SilenceSnapshot Current => Volatile.Read(ref _snapshot);

    /// <summary>True when alarms of <paramref name="counter"/> (`metric[/tags]`) on <paramref name="endpoint"/> must not go to <paramref name="user"/> at <paramref name="now"/>.</summary>
    public bool IsSilenced(string user, string endpoint, string counter, DateTimeOffset now) =>
        SilenceCounter.TryParse(counter, out _) is { } parsed && Current.Find(user, endpoint, parsed.Metric, parsed.Tags, now) is not null;

    /// <summary>The same check from an event's metric and tags, without parsing a counter string.</summary>
    public bool IsSilenced(string user, string endpoint, string metric, TagSet tags, DateTimeOffset now) =>
        Current.Find(user, endpoint, metric, tags, now) is not null;

    /// <summary>Stores a silence (replacing one for the same user, endpoint and counter) and tells every instance.</summary>
    /// <exception cref="ArgumentException">The draft is not valid; the message says why.</exception>
    public async Task<Silence> AddAsync(SilenceDraft draft, TimeSpan maxDuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (draft.Validate(maxDuration) is { } problem)
        {
            throw new ArgumentException(problem, nameof(draft));
        }

        var counter = SilenceCounter.TryParse(draft.Counter, out _)!.Canonical;
        var now = timeProvider.GetUtcNow();
        var silence = new Silence(
            SilenceIds.Of(draft.User!, draft.Endpoint!, counter),
            draft.User!,
            draft.Endpoint!,
            counter,
            now + draft.Duration,
            draft.Comment?.Trim() ?? string.Empty,
            string.IsNullOrWhiteSpace(draft.CreatedBy) ? "unknown" : draft.CreatedBy.Trim(),
            now);

        var db = await redis.GetDatabaseAsync(cancellationToken);
        await db.ScriptEvaluateAsync(
            SilenceScripts.Add,
            keys.All,
            [PruneBefore(now), silence.Id, JsonSerializer.Serialize(silence, SilenceJsonContext.Default.Silence), silence.Until.ToUnixTimeMilliseconds()]);
        Install(current => current.With(silence));
        await PublishAsync(silence.Id, cancellationToken);
        return silence;
    }

    /// <summary>Removes the silence <paramref name="id"/>; false when there was none (removed or ended already).</summary>
    public async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken)
    {
        if (!SilenceIds.IsWellFormed(id))
        {
            throw new ArgumentException($"'{id}' is not a silence id (16 hex digits, as 'falcon silence list' shows)", nameof(id));
        }

        var normalized = id.ToLowerInvariant();
        var db = await redis.GetDatabaseAsync(cancellationToken);
        var removed = (long)await db.ScriptEvaluateAsync(SilenceScripts.Remove, keys.All, [normalized]) == 1;
        Install(current => current.Without(normalized));
        await PublishAsync(normalized, cancellationToken);
        return removed;
    }

    /// <summary>The silences in force now, read from Redis (and installed as this instance's snapshot).</summary>
    public async Task<IReadOnlyList<Silence>> ListAsync(CancellationToken cancellationToken)
    {
        await ReloadAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        return Current.All.Where(s => s.IsActive(now)).ToArray();
    }

    /// <summary>Replaces the snapshot with what Redis holds; returns how many silences were loaded and how many entries could not be read.</summary>
    /// <exception cref="RedisException">Redis failed; the snapshot is left as it was.</exception>
    public async Task<(int Loaded, int Unreadable)> ReloadAsync(CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var result = (RedisResult[])(await db.ScriptEvaluateAsync(SilenceScripts.Load, keys.All, [PruneBefore(now)]))!;
        var silences = new List<Silence>(result.Length / 2);
        var unreadable = 0;
        for (var i = 0; i + 1 < result.Length; i += 2)
        {
            if (Read((string?)result[i + 1]) is { } silence)
            {
                silences.Add(silence);
            }
            else
            {
                unreadable++;
            }
        }

        Volatile.Write(ref _snapshot, new SilenceSnapshot(silences));
        return (silences.Count, unreadable);
    }

    /// <summary>Calls <paramref name="onChanged"/> (on a Redis thread) whenever any instance adds or removes a silence.</summary>
    public async Task SubscribeAsync(Action onChanged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onChanged);
        var multiplexer = await redis.GetAsync(cancellationToken);
        await multiplexer.GetSubscriber().SubscribeAsync(keys.Changed, (_, _) => onChanged());
    }

    private static Silence? Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, SilenceJsonContext.Default.Silence) is { Id.Length: > 0, User.Length: > 0, Endpoint.Length: > 0, Counter.Length: > 0 } silence
                ? silence
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static long PruneBefore(DateTimeOffset now) => (now - PruneGrace).ToUnixTimeMilliseconds();

    private void Install(Func<SilenceSnapshot, SilenceSnapshot> change)
    {
        SilenceSnapshot current, next;
        do
        {
            current = Volatile.Read(ref _snapshot);
            next = change(current);
        }
        while (Interlocked.CompareExchange(ref _snapshot, next, current) != current);
    }

    private async Task PublishAsync(string id, CancellationToken cancellationToken)
    {
        var multiplexer = await redis.GetAsync(cancellationToken);
        await multiplexer.GetSubscriber().PublishAsync(keys.Changed, id);
    }
}
