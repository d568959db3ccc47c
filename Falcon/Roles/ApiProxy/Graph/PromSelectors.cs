using System.Text;
using Falcon.Shared.Tsdb;

namespace Falcon.Roles.ApiProxy.Graph;

/// <summary>Builds PromQL selectors for falcon series; names with dots are selected through `__name__`, values are escaped.</summary>
internal static class PromSelectors
{
    /// <summary>A PromQL double-quoted string literal of <paramref name="value"/>.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                '"' => text.Append("\\\""),
                '\n' => text.Append(@"\n"),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }

    /// <summary>An RE2 pattern that matches <paramref name="literal"/> exactly.</summary>
    public static string EscapeRegex(string literal)
    {
        var text = new StringBuilder(literal.Length + 8);
        foreach (var c in literal)
        {
            if (@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        return text.ToString();
    }

    /// <summary>`label="v"` for one value, `label=~"v1|v2"` for several (Prometheus anchors the pattern).</summary>
    public static string OneOf(string label, IReadOnlyCollection<string> values) =>
        values.Count == 1
            ? label + "=" + Quote(values.First())
            : label + "=~" + Quote(string.Join('|', values.Distinct(StringComparer.Ordinal).Select(EscapeRegex)));

    /// <summary>The series of any of <paramref name="metrics"/> on any of <paramref name="endpoints"/> (a superset: tags are filtered after).</summary>
    public static string Series(IReadOnlyCollection<string> endpoints, IReadOnlyCollection<string>? metrics) =>
        metrics is { Count: > 0 }
            ? "{" + OneOf(SeriesMapping.MetricNameLabel, metrics) + "," + OneOf(SeriesMapping.EndpointLabel, endpoints) + "}"
            : "{" + OneOf(SeriesMapping.EndpointLabel, endpoints) + "}";
}
