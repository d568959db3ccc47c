using System.Text;

namespace Falcon.Shared.Portal;

/// <summary>Splits a schema script into statements and drops its comments.</summary>
internal static class SqlScript
{
    /// <summary>
    /// The statements of <paramref name="script"/>, split at <c>;</c> outside quotes and comments, with
    /// comments removed and whitespace trimmed. Statements run one at a time so an error names the
    /// statement, and so that <see cref="IdempotentDdl"/> sees each statement without comments.
    /// </summary>
    public static IReadOnlyList<string> Split(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var statements = new List<string>();
        var current = new StringBuilder();
        var i = 0;
        while (i < script.Length)
        {
            var c = script[i];
            var next = i + 1 < script.Length ? script[i + 1] : '\0';
            if (c is '\'' or '"' or '`')
            {
                var end = EndOfQuoted(script, i);
                current.Append(script, i, end - i);
                i = end;
            }
            else if (c == '#' || (c == '-' && next == '-' && (i + 2 >= script.Length || char.IsWhiteSpace(script[i + 2]))))
            {
                // MySQL needs whitespace after "--" for it to start a comment; "#" always does.
                var end = script.IndexOf('\n', i);
                i = end < 0 ? script.Length : end;
                current.Append(' ');
            }
            else if (c == '/' && next == '*')
            {
                var end = script.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new FormatException("unterminated /* comment");
                }

                i = end + 2;
                current.Append(' ');
            }
            else if (c == ';')
            {
                Add(statements, current);
                i++;
            }
            else
            {
                current.Append(c);
                i++;
            }
        }

        Add(statements, current);
        return statements;
    }

    private static int EndOfQuoted(string script, int start)
    {
        var quote = script[start];
        var i = start + 1;
        while (i < script.Length)
        {
            var c = script[i];
            if (c == '\\' && quote != '`')
            {
                i += 2; // a backslash escapes the next character inside string literals
            }
            else if (c == quote)
            {
                if (i + 1 < script.Length && script[i + 1] == quote)
                {
                    i += 2; // a doubled quote stands for itself
                }
                else
                {
                    return i + 1;
                }
            }
            else
            {
                i++;
            }
        }

        throw new FormatException($"unterminated {quote} quote");
    }

    private static void Add(List<string> statements, StringBuilder current)
    {
        var statement = current.ToString().Trim();
        if (statement.Length > 0)
        {
            statements.Add(statement);
        }

        current.Clear();
    }
}
