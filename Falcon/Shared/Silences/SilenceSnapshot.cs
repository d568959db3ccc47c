using Falcon.Shared.Model;

namespace Falcon.Shared.Silences;

/// <summary>An immutable index of silences by (user, endpoint) for the per-recipient check on every alarm.</summary>
internal sealed class SilenceSnapshot
{
    private readonly Dictionary<(string User, string Endpoint), Entry[]> _byRecipient;

    public SilenceSnapshot(IEnumerable<Silence> silences)
    {
        ArgumentNullException.ThrowIfNull(silences);
        All = silences
            .GroupBy(s => s.Id, StringComparer.Ordinal)
            .Select(g => g.Last())
            .OrderBy(s => s.Until)
            .ToArray();
        _byRecipient = All
            .Select(s => (Silence: s, Counter: SilenceCounter.TryParse(s.Counter, out _)))
            .Where(x => x.Counter is not null)
            .GroupBy(x => (x.Silence.User, x.Silence.Endpoint))
            .ToDictionary(g => g.Key, g => g.Select(x => new Entry(x.Silence, x.Counter!)).ToArray());
    }

    public static SilenceSnapshot Empty { get; } = new([]);

    /// <summary>Every silence held, expired ones included until the next reload drops them, soonest to end first.</summary>
    public IReadOnlyList<Silence> All { get; }

    /// <summary>The silence that stops alarms of this series to <paramref name="user"/> at <paramref name="now"/>, or null.</summary>
    public Silence? Find(string user, string endpoint, string metric, TagSet tags, DateTimeOffset now) =>
        Find(_byRecipient.GetValueOrDefault((user, endpoint)), metric, tags, now)
        ?? Find(_byRecipient.GetValueOrDefault((user, SilenceCounter.AnyEndpoint)), metric, tags, now);

    /// <summary>Silences still in force at <paramref name="now"/>.</summary>
    public int CountActive(DateTimeOffset now) => All.Count(s => s.IsActive(now));

    /// <summary>A copy with <paramref name="silence"/> added (or replacing the one with its id).</summary>
    public SilenceSnapshot With(Silence silence) => new(All.Where(s => s.Id != silence.Id).Append(silence));

    /// <summary>A copy without the silence <paramref name="id"/>.</summary>
    public SilenceSnapshot Without(string id) => new(All.Where(s => !string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase)));

    private static Silence? Find(Entry[]? entries, string metric, TagSet tags, DateTimeOffset now)
    {
        if (entries is null)
        {
            return null;
        }

        foreach (var entry in entries)
        {
            if (entry.Silence.IsActive(now) && entry.Counter.Matches(metric, tags))
            {
                return entry.Silence;
            }
        }

        return null;
    }

    private sealed record Entry(Silence Silence, SilenceCounter Counter);
}
