using System.Text;

namespace Falcon.Shared.Portal;

/// <summary>
/// Makes text fit a column of open-falcon's own tables before it is written, so a value the store would refuse never
/// fails the statement (and with it a whole batch that is then retried for ever). Those tables are utf8 (MySQL's
/// 3-byte utf8mb3): a character outside the Basic Multilingual Plane (an emoji, 4 bytes in UTF-8) is refused with
/// error 1366, and compared against such a column it fails with error 1267/1271. Such characters, and unpaired
/// surrogates, become U+FFFD. A VARCHAR(n) holds n characters; after the replacement every character is one UTF-16
/// unit, so the value is cut to n units.
/// </summary>
internal static class ColumnText
{
    /// <summary>The character written instead of one the column cannot hold.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary><paramref name="value"/> with 4-byte characters replaced and cut to <paramref name="width"/> characters.</summary>
    public static string Fit(string? value, int width)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value ?? "";
        }

        var clean = HasSurrogates(value) ? ReplaceSupplementary(value) : value;
        return clean.Length <= width ? clean : clean[..width];
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
