using System.Diagnostics.CodeAnalysis;
using Falcon.Shared.Model.Aggregates;

namespace Falcon.Roles.Aggregator.Methods;

/// <summary>The methods a definition may name, case-insensitively; `tp50`, `tp90`, `tp99` are the fork's spellings.</summary>
internal static class AggregateMethods
{
    /// <summary>What a Falcon aggregate computes when its methods column is empty.</summary>
    public const string DefaultList = AggregateRules.DefaultMethods;

    /// <summary>What the fork's poly_metric rows computed, under the fork's names.</summary>
    public const string PolyMetricList = "sum,avg,max,min,tp50,tp90,tp99";

    private static readonly Dictionary<string, Func<string, IAggregateMethod>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sum"] = static n => new SumMethod(n),
        ["avg"] = static n => new AvgMethod(n),
        ["max"] = static n => new MaxMethod(n),
        ["min"] = static n => new MinMethod(n),
        ["count"] = static n => new CountMethod(n),
        ["p50"] = static n => new PercentileMethod(n, 50),
        ["p90"] = static n => new PercentileMethod(n, 90),
        ["p99"] = static n => new PercentileMethod(n, 99),
        ["tp50"] = static n => new PercentileMethod(n, 50),
        ["tp90"] = static n => new PercentileMethod(n, 90),
        ["tp99"] = static n => new PercentileMethod(n, 99),
    };

    public static string KnownNames => string.Join(", ", Factories.Keys);

    /// <summary>Parses `sum,avg,p99` with <see cref="AggregateRules.TryParseMethods"/>; an empty list means <see cref="DefaultList"/>. Names keep the case written, lowered.</summary>
    public static bool TryParseList(string? text, [NotNullWhen(true)] out IReadOnlyList<IAggregateMethod>? methods, [NotNullWhen(false)] out string? error)
    {
        methods = null;
        if (!AggregateRules.TryParseMethods(text, out var names, out error))
        {
            return false;
        }

        methods = names.Select(static name => Factories[name](name)).ToList();
        return true;
    }
}
