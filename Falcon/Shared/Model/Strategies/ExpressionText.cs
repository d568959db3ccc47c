using System.Diagnostics.CodeAnalysis;

namespace Falcon.Shared.Model.Strategies;

/// <summary>Parses the expression column, e.g. <c>each(metric=qps project=xx)</c>, as open-falcon's hbs does (db/expression.go).</summary>
internal static class ExpressionText
{
    private const string MetricKey = "metric";

    /// <summary>
    /// Takes the text between the first '(' and the first ')', splits it on whitespace into at least two k=v
    /// items (each with exactly one '='), one of which is metric=; the others become tags (endpoint= included).
    /// </summary>
    public static bool TryParse(string expression, [NotNullWhen(true)] out string? metric, [NotNullWhen(true)] out TagSet? tags)
    {
        metric = null;
        tags = null;
        var left = expression.IndexOf('(', StringComparison.Ordinal);
        var right = expression.IndexOf(')', StringComparison.Ordinal);
        // Go slices exp[left+1:right] and panics when ')' is missing or comes before '('; here that row is skipped.
        if (right < 0 || right < left + 1)
        {
            return false;
        }

        // string.Split(null) splits on char.IsWhiteSpace, the same set as Go's strings.Fields (unicode.IsSpace).
        var items = expression[(left + 1)..right].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (items.Length < 2)
        {
            return false;
        }

        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || item.IndexOf('=', equals + 1) >= 0)
            {
                return false;
            }

            pairs[item[..equals].Trim()] = item[(equals + 1)..].Trim();
        }

        if (!pairs.Remove(MetricKey, out metric))
        {
            return false;
        }

        tags = TagSet.From(pairs);
        return true;
    }
}
