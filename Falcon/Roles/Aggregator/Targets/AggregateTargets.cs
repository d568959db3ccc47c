using System.Diagnostics.CodeAnalysis;

namespace Falcon.Roles.Aggregator.Targets;

/// <summary>The target kinds a Falcon aggregate row may name.</summary>
internal static class AggregateTargets
{
    public static bool TryCreate(string? kind, string? name, [NotNullWhen(true)] out IAggregateTarget? target, [NotNullWhen(false)] out string? error)
    {
        target = null;
        name = name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            error = "the target is empty";
            return false;
        }

        switch (kind?.Trim().ToLowerInvariant())
        {
            case GroupNameTarget.KindName or "group":
                target = new GroupNameTarget(name);
                break;
            case EndpointPatternTarget.KindName:
                target = new EndpointPatternTarget(name);
                break;
            case SelectorTarget.KindName:
                if (name.Contains('{', StringComparison.Ordinal) || name.Contains('}', StringComparison.Ordinal))
                {
                    error = $"selector '{name}' must be label matchers without braces, e.g. idc=\"bj\",role=~\"web|api\"";
                    return false;
                }

                target = new SelectorTarget(name);
                break;
            default:
                error = $"unknown target kind '{kind}' (known: {GroupNameTarget.KindName}, {EndpointPatternTarget.KindName}, {SelectorTarget.KindName})";
                return false;
        }

        error = null;
        return true;
    }
}
