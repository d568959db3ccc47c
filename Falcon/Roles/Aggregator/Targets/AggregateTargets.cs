using System.Diagnostics.CodeAnalysis;
using Falcon.Shared.Model.Aggregates;

namespace Falcon.Roles.Aggregator.Targets;

/// <summary>The target kinds a Falcon aggregate row may name (the rules are <see cref="AggregateRules.TryCheckTarget"/>).</summary>
internal static class AggregateTargets
{
    public static bool TryCreate(string? kind, string? name, [NotNullWhen(true)] out IAggregateTarget? target, [NotNullWhen(false)] out string? error)
    {
        target = null;
        if (!AggregateRules.TryCheckTarget(kind, name, out var canonical, out var trimmed, out error))
        {
            return false;
        }

        target = canonical switch
        {
            AggregateRules.EndpointKind => new EndpointPatternTarget(trimmed),
            AggregateRules.SelectorKind => new SelectorTarget(trimmed),
            _ => new GroupNameTarget(trimmed),
        };
        return true;
    }
}
