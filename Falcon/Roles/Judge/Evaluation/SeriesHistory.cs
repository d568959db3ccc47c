namespace Falcon.Roles.Judge.Evaluation;

/// <summary>
/// The last <c>remain</c> points of one series, newest first (judge/store/linkedlist.go).
/// A ring buffer instead of Go's linked list: same observable window, no allocation per point.
/// </summary>
internal sealed class SeriesHistory
{
    public const int DefaultRemain = 11;

    private readonly HistoryPoint[] _ring;
    private readonly Lock _lock = new();
    private int _newest = -1;
    private int _count;

    public SeriesHistory(int remain = DefaultRemain)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(remain, 1);
        _ring = new HistoryPoint[remain];
    }

    public int Remain => _ring.Length;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>A judgeType starting with G or g is a gauge; everything else (COUNTER, DERIVE) is judged as rates.</summary>
    public static bool IsGaugeType(string? judgeType) =>
        !string.IsNullOrEmpty(judgeType) && (judgeType[0] == 'G' || judgeType[0] == 'g');

    /// <summary>
    /// Adds a point as the newest. Returns false, and keeps nothing, when its timestamp is not newer than the
    /// newest held point: a late or repeated point must not be judged (PushFrontAndMaintain).
    /// </summary>
    public bool TryAdd(long timestamp, double value)
    {
        lock (_lock)
        {
            // Go only checks ts <= 0 when the list is non-empty; the first point of a series is taken as is.
            if (_count > 0 && (timestamp <= _ring[_newest].Timestamp || timestamp <= 0))
            {
                return false;
            }

            _newest = (_newest + 1) % _ring.Length;
            _ring[_newest] = new HistoryPoint(timestamp, value);
            if (_count < _ring.Length)
            {
                _count++;
            }

            return true;
        }
    }

    /// <summary>
    /// The window a function judges, newest first (HistoryData(limit)). Gauges need <paramref name="limit"/>
    /// points; counters need limit+1 and yield limit per-second rates, each stamped with the newer timestamp.
    /// Negative rates (a counter reset) are kept, as open-falcon keeps them.
    /// </summary>
    public bool TryGetWindow(int limit, bool isGauge, out HistoryPoint[] window)
    {
        window = [];
        if (limit < 1)
        {
            return false;
        }

        lock (_lock)
        {
            var needed = isGauge ? limit : limit + 1;
            if (_count < needed)
            {
                return false;
            }

            var result = new HistoryPoint[limit];
            for (var i = 0; i < limit; i++)
            {
                var point = At(i);
                if (isGauge)
                {
                    result[i] = point;
                }
                else
                {
                    var older = At(i + 1);
                    var rate = (point.Value - older.Value) / (point.Timestamp - older.Timestamp);
                    result[i] = new HistoryPoint(point.Timestamp, rate);
                }
            }

            window = result;
            return true;
        }
    }

    // i = 0 is the newest point; callers hold the lock and keep i < _count.
    private HistoryPoint At(int i) => _ring[(_newest - i + _ring.Length) % _ring.Length];
}
