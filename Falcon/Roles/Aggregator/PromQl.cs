using System.Text;

namespace Falcon.Roles.Aggregator;

/// <summary>Writing PromQL text safely: string literals and literal text inside a regular expression.</summary>
internal static class PromQl
{
    /// <summary>A double-quoted PromQL string holding <paramref name="text"/> exactly.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 2).Append('"');
        AppendEscaped(builder, text);
        return builder.Append('"').ToString();
    }

    /// <summary>Appends <paramref name="text"/> escaped for the inside of a PromQL double-quoted string.</summary>
    public static void AppendEscaped(StringBuilder builder, string text)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => builder.Append(@"\\"),
                '"' => builder.Append("\\\""),
                '\n' => builder.Append(@"\n"),
                '\r' => builder.Append(@"\r"),
                '\t' => builder.Append(@"\t"),
                _ => builder.Append(c),
            };
        }
    }

    /// <summary><paramref name="text"/> as a literal inside an RE2 expression (Go's regexp.QuoteMeta).</summary>
    public static string RegexLiteral(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
