using System.Text;

namespace Falcon.Shared.Portal;

/// <summary>
/// Makes text fit a column of open-falcon's own tables before it is written, so a value the store would refuse never
/// fails the statement (and with it a whole batch that is then retried for ever). Those tables are utf8 (MySQL's
/// 3-byte utf8mb3): a character outside the Basic Multilingual Plane (an emoji, 4 bytes in UTF-8) is refused with
/// error 1366, and compared against such a column it fails with error 1267/1271. Such characters, and unpaired
/// surrogates, become U+FFFD. A VARCHAR(n) holds n characters; after the replacement every character is one UTF-16
/// unit, so the value is cut to n units. A table converted with <c>falcon db migrate --utf8mb4</c> holds every
/// character: there only unpaired surrogates are replaced, and the value is cut to n characters without splitting a pair.
/// </summary>
internal static class ColumnText
{
    /// <summary>The character written instead of one the column cannot hold.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary><paramref name="value"/> with 4-byte characters replaced and cut to <paramref name="width"/> characters.</summary>
    public static string Fit(string? value, int width) => Fit(value, width, fourByteColumn: false);

    /// <summary>
    /// <paramref name="value"/> fitted to a column of <paramref name="width"/> characters; a <paramref name="fourByteColumn"/>
    /// (utf8mb4) keeps characters outside the Basic Multilingual Plane, any other replaces them.
    /// </summary>
    public static string Fit(string? value, int width, bool fourByteColumn)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value ?? "";
        }

        if (!HasSurrogates(value))
        {
            return value.Length <= width ? value : value[..width];
        }

        return fourByteColumn ? KeepPairs(value, width) : Cut(ReplaceSupplementary(value), width);
    }

    private static string Cut(string clean, int width) => clean.Length <= width ? clean : clean[..width];

    // utf8mb4: a pair is one character of the column; a lone surrogate cannot be encoded at all.
    private static string KeepPairs(string value, int width)
    {
        var text = new StringBuilder(Math.Min(value.Length, width * 2));
        var characters = 0;
        for (var i = 0; i < value.Length && characters < width; i++, characters++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
            }
            else
            {
                text.Append(char.IsSurrogate(c) ? Replacement : c);
            }
        }

        return text.ToString();
    }

    private static bool HasSurrogates(string value)
    {
        foreach (var c in value)
        {
            if (char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    private static string ReplaceSupplementary(string value)
    {
        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (!char.IsSurrogate(c))
            {
                text.Append(c);
                continue;
            }

            // A pair is one character (one U+FFFD); a lone surrogate is not text at all.
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }

            text.Append(Replacement);
        }

        return text.ToString();
    }
}
