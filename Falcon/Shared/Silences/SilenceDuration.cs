using System.Globalization;
using System.Text;

namespace Falcon.Shared.Silences;

/// <summary>Durations as people write them for silences: `30m`, `1h`, `2h30m`, `1d`, `1w` (units s, m, h, d, w).</summary>
internal static class SilenceDuration
{
    public const string Examples = "30m, 1h, 2h30m, 1d or 1w";

    /// <summary>Parses <paramref name="text"/>; returns null and a problem naming what is wrong when it is not a duration above zero.</summary>
    public static TimeSpan? TryParse(string? text, out string? problem)
    {
        problem = null;
        var value = text?.Trim() ?? string.Empty;
        if (value.Length == 0)
        {
            problem = $"duration is empty: give one such as {Examples}";
            return null;
        }

        var total = TimeSpan.Zero;
        var i = 0;
        while (i < value.Length)
        {
            var start = i;
            while (i < value.Length && char.IsAsciiDigit(value[i]))
            {
                i++;
            }

            if (i == start || i - start > 6 || i == value.Length)
            {
                problem = i < value.Length || i == start
                    ? $"'{text}' is not a duration such as {Examples}"
                    : $"'{text}' has a number without a unit: give one such as {Examples}";
                return null;
            }

            var number = long.Parse(value.AsSpan(start, i - start), CultureInfo.InvariantCulture);
            TimeSpan? part = value[i] switch
            {
                's' => TimeSpan.FromSeconds(number),
                'm' => TimeSpan.FromMinutes(number),
                'h' => TimeSpan.FromHours(number),
                'd' => TimeSpan.FromDays(number),
                'w' => TimeSpan.FromDays(7 * number),
                _ => null,
            };
            if (part is null)
            {
                problem = $"'{text}' has the unknown unit '{value[i]}': use s, m, h, d or w, as in {Examples}";
                return null;
            }

            total += part.Value;
            i++;
        }

        if (total <= TimeSpan.Zero)
        {
            problem = $"duration '{text}' must be more than zero";
            return null;
        }

        return total;
    }

    /// <summary>The shortest form that <see cref="TryParse"/> reads back: `1h30m`, `1d`, `45s`.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder();
        Append(text, (long)duration.TotalDays, 'd');
        Append(text, duration.Hours, 'h');
        Append(text, duration.Minutes, 'm');
        Append(text, duration.Seconds, 's');
        return text.Length == 0 ? "0s" : text.ToString();
    }

    private static void Append(StringBuilder text, long value, char unit)
    {
        if (value > 0)
        {
            text.Append(value.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }
}
