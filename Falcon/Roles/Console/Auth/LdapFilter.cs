using System.Formats.Asn1;
using System.Text;

namespace Falcon.Roles.Console.Auth;

/// <summary>
/// LDAP search filters in their string form (RFC 4515), parsed into the BER the protocol sends (RFC 4511 section 4.5.1).
/// The person's name goes in through <see cref="Escape"/>, so a name such as <c>*)(uid=*</c> is a value to compare,
/// never a wildcard or more filter. Extensible matches (<c>:=</c>) are not supported: a configured filter using one is
/// refused at start-up.
/// </summary>
internal static class LdapFilter
{
    /// <summary><paramref name="template"/> with every <c>%s</c> replaced by the escaped <paramref name="value"/>, as BER.</summary>
    public static byte[] Build(string template, string value)
    {
        var writer = new AsnWriter(AsnEncodingRules.BER);
        Write(writer, template.Replace("%s", Escape(value), StringComparison.Ordinal));
        return writer.Encode();
    }

    /// <summary>Parses <paramref name="filter"/> into <paramref name="writer"/>; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static void Write(AsnWriter writer, string filter)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(filter);
        var position = 0;
        var text = filter.Trim();
        WriteFilter(writer, text, ref position);
        if (position != text.Length)
        {
            throw new FormatException($"unexpected '{text[position..]}' after the filter's closing ')'");
        }
    }

    /// <summary>RFC 4515 escaping of a value: '*', '(', ')', '\' and NUL as \XX.</summary>
    public static string Escape(string value)
    {
        var text = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            _ = c switch
            {
                '*' => text.Append(@"\2a"),
                '(' => text.Append(@"\28"),
                ')' => text.Append(@"\29"),
                '\\' => text.Append(@"\5c"),
                '\0' => text.Append(@"\00"),
                _ => text.Append(c),
            };
        }

        return text.ToString();
    }

    private static void WriteFilter(AsnWriter writer, string text, ref int position)
    {
        Expect(text, ref position, '(');
        if (position >= text.Length)
        {
            throw new FormatException("the filter ends after '('");
        }

        switch (text[position])
        {
            case '&':
            case '|':
                var tag = new Asn1Tag(TagClass.ContextSpecific, text[position] == '&' ? 0 : 1, isConstructed: true);
                position++;
                writer.PushSetOf(tag);
                var count = 0;
                while (position < text.Length && text[position] == '(')
                {
                    WriteFilter(writer, text, ref position);
                    count++;
                }

                writer.PopSetOf(tag);
                if (count == 0)
                {
                    throw new FormatException("'&' and '|' need at least one filter in parentheses");
                }

                break;
            case '!':
                position++;
                var not = new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true);
                writer.PushSequence(not); // explicit: a CHOICE cannot be tagged implicitly
                WriteFilter(writer, text, ref position);
                writer.PopSequence(not);
                break;
            default:
                WriteItem(writer, text, ref position);
                break;
        }

        Expect(text, ref position, ')');
    }

    private static void WriteItem(AsnWriter writer, string text, ref int position)
    {
        var start = position;
        while (position < text.Length && text[position] is not ('=' or '~' or '<' or '>' or '(' or ')' or ':'))
        {
            position++;
        }

        var attribute = text[start..position].Trim();
        if (attribute.Length == 0 || position >= text.Length)
        {
            throw new FormatException($"'{text[start..]}' is not attribute=value");
        }

        var kind = text[position] switch
        {
            '=' => 3,
            '~' => 8,
            '>' => 5,
            '<' => 6,
            ':' => throw new FormatException("extensible matches (':=') are not supported in console.ldap.filter"),
            _ => throw new FormatException($"'{text[start..]}' is not attribute=value"),
        };
        if (kind != 3 && (position + 1 >= text.Length || text[position + 1] != '='))
        {
            throw new FormatException($"'{text[start..]}': '~', '>' and '<' are followed by '='");
        }

        position += kind == 3 ? 1 : 2;

        var valueStart = position;
        while (position < text.Length && text[position] != ')')
        {
            if (text[position] == '(')
            {
                throw new FormatException($"an unescaped '(' in the value of '{attribute}' (write \\28)");
            }

            position++;
        }

        var raw = text[valueStart..position];
        if (kind == 3 && raw == "*")
        {
            writer.WriteOctetString(Encoding.UTF8.GetBytes(attribute), new Asn1Tag(TagClass.ContextSpecific, 7));
            return;
        }

        var parts = SplitOnStars(raw);
        if (kind == 3 && parts.Count > 1)
        {
            WriteSubstrings(writer, attribute, parts);
            return;
        }

        if (parts.Count > 1)
        {
            throw new FormatException($"'*' is allowed only with '=' (in '{attribute}')");
        }

        var ava = new Asn1Tag(TagClass.ContextSpecific, kind, isConstructed: true);
        writer.PushSequence(ava);
        writer.WriteOctetString(Encoding.UTF8.GetBytes(attribute));
        writer.WriteOctetString(parts[0]);
        writer.PopSequence(ava);
    }

    private static void WriteSubstrings(AsnWriter writer, string attribute, List<byte[]> parts)
    {
        var tag = new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true);
        writer.PushSequence(tag);
        writer.WriteOctetString(Encoding.UTF8.GetBytes(attribute));
        writer.PushSequence();
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i].Length == 0)
            {
                continue; // a leading or trailing '*', or '**'
            }

            var which = i == 0 ? 0 : i == parts.Count - 1 ? 2 : 1; // initial, final, any
            writer.WriteOctetString(parts[i], new Asn1Tag(TagClass.ContextSpecific, which));
        }

        writer.PopSequence();
        writer.PopSequence(tag);
    }

    // The value split on unescaped '*', each part with its \XX escapes decoded to bytes.
    private static List<byte[]> SplitOnStars(string raw)
    {
        var parts = new List<byte[]>();
        var current = new List<byte>();
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '*')
            {
                parts.Add([.. current]);
                current.Clear();
            }
            else if (c == '\\')
            {
                if (i + 2 >= raw.Length || !byte.TryParse(raw.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var b))
                {
                    throw new FormatException($"'\\' in a filter value is followed by two hex digits (in '{raw}')");
                }

                current.Add(b);
                i += 2;
            }
            else
            {
                var length = char.IsHighSurrogate(c) && i + 1 < raw.Length
                    ? Encoding.UTF8.GetBytes(raw.AsSpan(i++, 2), utf8)
                    : Encoding.UTF8.GetBytes(raw.AsSpan(i, 1), utf8);
                current.AddRange(utf8[..length]);
            }
        }

        parts.Add([.. current]);
        return parts;
    }

    private static void Expect(string text, ref int position, char c)
    {
        if (position >= text.Length || text[position] != c)
        {
            throw new FormatException(position >= text.Length ? $"the filter ends where '{c}' was expected" : $"'{c}' expected at '{text[position..]}'");
        }

        position++;
    }
}
