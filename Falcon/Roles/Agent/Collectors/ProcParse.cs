using System.Globalization;

namespace Falcon.Roles.Agent.Collectors;

/// <summary>Number parsing shared by the collectors: invariant culture, no allocation.</summary>
internal static class ProcParse
{
    public static bool TryULong(ReadOnlySpan<char> text, out ulong value) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    public static bool TryLong(ReadOnlySpan<char> text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryDouble(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>The first line of a file such as /proc/sys/fs/file-max, as an integer.</summary>
    public static bool TryFirstULong(ReadOnlySpan<char> text, out ulong value)
    {
        var words = new Words(text);
        return TryULong(words.Next(), out value);
    }

    /// <summary>
    /// In a file of paired lines "Prefix: K1 K2 ..." / "Prefix: V1 V2 ..." (/proc/net/snmp, /proc/net/netstat),
    /// calls <paramref name="onValue"/> for each key with a numeric value; a value that does not parse is skipped.
    /// </summary>
    public static void ForEachPair<TState>(ReadOnlySpan<char> text, ReadOnlySpan<char> prefix, TState state, PairAction<TState> onValue)
    {
        ReadOnlySpan<char> header = default;
        foreach (var line in text.EnumerateLines())
        {
            if (!line.StartsWith(prefix, StringComparison.Ordinal) || line.Length <= prefix.Length || line[prefix.Length] != ':')
            {
                continue;
            }

            if (header.IsEmpty)
            {
                header = line;
                continue;
            }

            var keys = new Words(header[(prefix.Length + 1)..]);
            var values = new Words(line[(prefix.Length + 1)..]);
            while (keys.MoveNext() && values.MoveNext())
            {
                if (TryLong(values.Current, out long value))
                {
                    onValue(state, keys.Current, value);
                }
            }

            header = default;
        }
    }

    public delegate void PairAction<in TState>(TState state, ReadOnlySpan<char> key, long value);

    /// <summary>Undoes the octal escapes of /proc/mounts (`\040` for a space, `\011`, `\012`, `\134`).</summary>
    public static string UnescapeMountField(ReadOnlySpan<char> field)
    {
        if (!field.Contains('\\'))
        {
            return field.ToString();
        }

        var result = new System.Text.StringBuilder(field.Length);
        for (int i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field[i + 1]) && IsOctal(field[i + 2]) && IsOctal(field[i + 3]))
            {
                result.Append((char)(((field[i + 1] - '0') * 64) + ((field[i + 2] - '0') * 8) + (field[i + 3] - '0')));
                i += 3;
            }
            else
            {
                result.Append(field[i]);
            }
        }

        return result.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
