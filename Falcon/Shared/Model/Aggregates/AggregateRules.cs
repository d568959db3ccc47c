using System.Diagnostics.CodeAnalysis;

namespace Falcon.Shared.Model.Aggregates;

/// <summary>
/// The rules a Falcon aggregate row (falcon_aggregate) must keep: its target kind and target, its counter and its
/// methods. The aggregator role reads rows with them and the console validates with them, so an aggregate the console
/// saves is one the aggregator runs.
/// </summary>
internal static class AggregateRules
{
    public const string GroupKind = "falcon_group";
    public const string EndpointKind = "endpoint";
    public const string SelectorKind = "selector";

    /// <summary>What a Falcon aggregate computes when its methods column is empty.</summary>
    public const string DefaultMethods = "sum,avg,max,min,count,p50,p90,p99";

    /// <summary>Every method name, case-insensitively; `tp50`, `tp90`, `tp99` are the fork's spellings.</summary>
    public static IReadOnlyList<string> KnownMethods { get; } = ["sum", "avg", "max", "min", "count", "p50", "p90", "p99", "tp50", "tp90", "tp99"];

    public static IReadOnlyList<string> TargetKinds { get; } = [GroupKind, EndpointKind, SelectorKind];

    /// <summary>The target kind in its canonical spelling (`group` is read as falcon_group) and the trimmed target.</summary>
    public static bool TryCheckTarget(string? kind, string? target, out string canonicalKind, out string trimmed, [NotNullWhen(false)] out string? error)
    {
        canonicalKind = "";
        trimmed = target?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            error = "the target is empty";
            return false;
        }

        switch (kind?.Trim().ToLowerInvariant())
        {
            case GroupKind or "group":
                canonicalKind = GroupKind;
                break;
            case EndpointKind:
                canonicalKind = EndpointKind;
                break;
            case SelectorKind:
                if (trimmed.Contains('{', StringComparison.Ordinal) || trimmed.Contains('}', StringComparison.Ordinal))
                {
                    error = $"selector '{trimmed}' must be label matchers without braces, e.g. idc=\"bj\",role=~\"web|api\"";
                    return false;
                }

                canonicalKind = SelectorKind;
                break;
            default:
                error = $"unknown target kind '{kind}' (known: {string.Join(", ", TargetKinds)})";
                return false;
        }

        error = null;
        return true;
    }

    /// <summary>A counter `metric` or `metric/k=v,...`: the metric and the tags a host's series must carry.</summary>
    public static bool TryParseCounter(string? text, out string metric, out TagSet tags, [NotNullWhen(false)] out string? error)
    {
        tags = TagSet.Empty;
        var trimmed = text?.Trim() ?? "";
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        metric = slash < 0 ? trimmed : trimmed[..slash];
        if (metric.Length == 0)
        {
            error = $"counter '{text}' names no metric (expected metric or metric/k=v,...)";
            return false;
        }

        if (slash >= 0)
        {
            var tagText = trimmed[(slash + 1)..];
            foreach (var pair in tagText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!pair.Contains('=', StringComparison.Ordinal) || pair.StartsWith('='))
                {
                    error = $"counter '{text}': tag '{pair}' is not k=v";
                    return false;
                }
            }

            tags = TagSet.Parse(tagText);
        }

        error = null;
        return true;
    }

    /// <summary>`sum,avg,p99` as lowered, distinct names in the order given; empty means <see cref="DefaultMethods"/>.</summary>
    public static bool TryParseMethods(string? text, [NotNullWhen(true)] out IReadOnlyList<string>? names, [NotNullWhen(false)] out string? error)
    {
        var list = new List<string>();
        foreach (var name in (string.IsNullOrWhiteSpace(text) ? DefaultMethods : text).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var lower = name.ToLowerInvariant();
            if (!KnownMethods.Contains(lower))
            {
                names = null;
                error = $"unknown method '{name}' (known: {string.Join(", ", KnownMethods)})";
                return false;
            }

            if (!list.Contains(lower))
            {
                list.Add(lower);
            }
        }

        if (list.Count == 0)
        {
            names = null;
            error = "no method given";
            return false;
        }

        names = list;
        error = null;
        return true;
    }
}
