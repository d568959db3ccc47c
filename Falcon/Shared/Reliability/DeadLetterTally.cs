namespace Falcon.Shared.Reliability;

/// <summary>
/// How many items this process moved aside as permanently failing, per stage, and when: the state a health check
/// reads to say "items were dead-lettered recently" for a while and then forgets. Only the latest times are kept
/// (bounded), the totals for ever. Registered once per process; every stage that dead-letters reports here.
/// </summary>
internal sealed class DeadLetterTally(TimeProvider timeProvider)
{
    private const int KeptTimes = 1024;

    private readonly Lock _lock = new();
    private readonly Queue<(string Stage, DateTimeOffset At)> _recent = new();
    private readonly Dictionary<string, long> _totals = new(StringComparer.Ordinal);

    /// <summary>Counts one item of <paramref name="stage"/> (for example "alarm.record", "hbs.host") dead-lettered now.</summary>
    public void Add(string stage)
    {
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            _totals[stage] = _totals.GetValueOrDefault(stage) + 1;
            _recent.Enqueue((stage, now));
            if (_recent.Count > KeptTimes)
            {
                _recent.Dequeue();
            }
        }
    }

    /// <summary>Items dead-lettered within <paramref name="window"/> before now, per stage (stages with none left out).</summary>
    public IReadOnlyDictionary<string, int> Recent(TimeSpan window)
    {
        var since = timeProvider.GetUtcNow() - window;
        lock (_lock)
        {
            return _recent.Where(r => r.At >= since).GroupBy(static r => r.Stage, StringComparer.Ordinal)
                .ToDictionary(static g => g.Key, static g => g.Count(), StringComparer.Ordinal);
        }
    }

    /// <summary>Items dead-lettered since the process started, per stage.</summary>
    public IReadOnlyDictionary<string, long> Totals()
    {
        lock (_lock)
        {
            return new Dictionary<string, long>(_totals, StringComparer.Ordinal);
        }
    }
}
