using Falcon.Shared.Model;
using Falcon.Shared.Tsdb;

namespace Falcon.Roles.ApiProxy.Graph;

/// <summary>
/// Turns raw TSDB points into what open-falcon's graph answers: rates for COUNTER and DERIVE (a negative rate is no
/// value), then one point per step, each the AVERAGE, MAX, MIN or LAST of the points in (T-step, T], as an RRD archive
/// consolidates; a step with no point is null.
/// </summary>
internal static class Consolidation
{
    public static readonly string[] Functions = ["AVERAGE", "MAX", "MIN", "LAST"];

    /// <summary>Steps a TSDB series is usually written at; an inferred step snaps to the nearest.</summary>
    private static readonly int[] CommonSteps = [1, 5, 10, 15, 20, 30, 60, 120, 180, 300, 600, 900, 1800, 3600, 86400];

    /// <summary>The step when nothing says otherwise (open-falcon's default for an agent's metrics).</summary>
    public const int DefaultStep = 60;

    /// <summary>The step of a series from its points: the median gap, snapped to a common step; null with fewer than two points.</summary>
    public static int? InferStep(IReadOnlyList<PromSample> points)
    {
        if (points.Count < 2)
        {
            return null;
        }

        var gaps = new double[points.Count - 1];
        for (var i = 1; i < points.Count; i++)
        {
            gaps[i - 1] = points[i].Timestamp - points[i - 1].Timestamp;
        }

        Array.Sort(gaps);
        return Snap(gaps[gaps.Length / 2]);
    }

    /// <summary>The step of a series that has <paramref name="count"/> points in <paramref name="window"/>; null when it has none.</summary>
    public static int? StepFromCount(double count, TimeSpan window) =>
        count >= 2 ? Snap(window.TotalSeconds / count) : null;

    /// <summary>Per-second rates between consecutive points, each at the later point's time; NaN where the counter went down.</summary>
    public static List<PromSample> Rates(IReadOnlyList<PromSample> points)
    {
        var rates = new List<PromSample>(Math.Max(0, points.Count - 1));
        for (var i = 1; i < points.Count; i++)
        {
            var seconds = points[i].Timestamp - points[i - 1].Timestamp;
            if (seconds <= 0)
            {
                continue;
            }

            var rate = (points[i].Value - points[i - 1].Value) / seconds;
            rates.Add(new PromSample(points[i].Timestamp, rate < 0 ? double.NaN : rate));
        }

        return rates;
    }

    /// <summary>The values to answer for <paramref name="points"/> of a series of <paramref name="type"/>, one per step from start to end.</summary>
    public static List<(long Timestamp, double Value)> Consolidate(
        IReadOnlyList<PromSample> points, CounterType type, string function, long start, long end, int step)
    {
        var values = type == CounterType.Gauge ? points : Rates(points);
        var first = (start + step - 1) / step * step;
        var result = new List<(long, double)>((int)Math.Max(0, (end - first) / step + 1));
        var i = 0;
        for (var t = first; t <= end; t += step)
        {
            double sum = 0, max = double.NegativeInfinity, min = double.PositiveInfinity, last = double.NaN;
            var count = 0;
            while (i < values.Count && values[i].Timestamp <= t - step)
            {
                i++;
            }

            while (i < values.Count && values[i].Timestamp <= t)
            {
                var v = values[i].Value;
                i++;
                if (double.IsNaN(v))
                {
                    continue;
                }

                sum += v;
                max = Math.Max(max, v);
                min = Math.Min(min, v);
                last = v;
                count++;
            }

            result.Add((t, count == 0 ? double.NaN : function switch
            {
                "MAX" => max,
                "MIN" => min,
                "LAST" => last,
                _ => sum / count,
            }));
        }

        return result;
    }

    /// <summary>open-falcon's lastpoint: a GAUGE's last point, or a counter's rate from its last two points (never negative).</summary>
    public static (long Timestamp, double Value) Last(IReadOnlyList<PromSample> points, CounterType type)
    {
        if (points.Count == 0 || (type != CounterType.Gauge && points.Count < 2))
        {
            return (0, 0);
        }

        var last = points[^1];
        if (type == CounterType.Gauge)
        {
            return ((long)last.Timestamp, last.Value);
        }

        var previous = points[^2];
        var seconds = last.Timestamp - previous.Timestamp;
        var rate = seconds > 0 ? (last.Value - previous.Value) / seconds : 0;
        return ((long)last.Timestamp, rate < 0 ? 0 : rate);
    }

    private static int Snap(double seconds)
    {
        var best = CommonSteps[0];
        foreach (var step in CommonSteps)
        {
            if (Math.Abs(step - seconds) < Math.Abs(best - seconds))
            {
                best = step;
            }
        }

        return best;
    }
}
