using System.Globalization;

namespace Falcon.Shared.Releases;

/// <summary>
/// Orders agent versions: dotted numeric parts compared as numbers (7.10 &gt; 7.9), missing parts as 0 (7.1 = 7.1.0),
/// a leading `v` ignored, and open-falcon's `Version@GitCommit` form reduced to its version.
/// </summary>
internal static class ReleaseVersion
{
    /// <summary>The comparable part of a reported version: `5.1.2@3f2a9c` → `5.1.2`, `v7.1` → `7.1`.</summary>
    public static string Normalize(string? version)
    {
        var text = (version ?? string.Empty).Trim();
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            text = text[..at];
        }

        if (text.Length > 1 && (text[0] == 'v' || text[0] == 'V') && char.IsAsciiDigit(text[1]))
        {
            text = text[1..];
        }

        return text;
    }

    /// <summary>Negative when <paramref name="left"/> is older than <paramref name="right"/>, zero when the same version.</summary>
    public static int Compare(string? left, string? right)
    {
        var a = Normalize(left).Split('.');
        var b = Normalize(right).Split('.');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : "0";
            var y = i < b.Length ? b[i] : "0";
            var order = ComparePart(x, y);
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }

    public static bool AreSame(string? left, string? right) => Compare(left, right) == 0;

    // Numeric parts by value; otherwise (7.1.0-rc1, odd builds) by the number they start with, then ordinally,
    // so a pre-release suffix never breaks the ordering of the numbers in front of it.
    private static int ComparePart(string x, string y)
    {
        var (xNumber, xSuffix) = Split(x);
        var (yNumber, ySuffix) = Split(y);
        var order = xNumber.CompareTo(yNumber);
        if (order != 0)
        {
            return order;
        }

        // 7.1.0 is newer than 7.1.0-rc1: an empty suffix sorts after any suffix.
        if (xSuffix.Length == 0 || ySuffix.Length == 0)
        {
            return (xSuffix.Length == 0, ySuffix.Length == 0) switch
            {
                (true, false) => 1,
                (false, true) => -1,
                _ => 0,
            };
        }

        return string.CompareOrdinal(xSuffix, ySuffix);
    }

    private static (long Number, string Suffix) Split(string part)
    {
        var digits = 0;
        while (digits < part.Length && char.IsAsciiDigit(part[digits]))
        {
            digits++;
        }

        var number = digits == 0 ? 0 : long.TryParse(part.AsSpan(0, Math.Min(digits, 18)), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return (number, part[digits..]);
    }
}
