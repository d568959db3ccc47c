using System.Globalization;
using Falcon.Roles.Aggregator.Methods;
using Falcon.Roles.Aggregator.Targets;
using Falcon.Shared.Model;

namespace Falcon.Roles.Aggregator.Definitions;

/// <summary>
/// One aggregate to compute every step: its target, what it reads and how it folds, and where the result goes. A
/// Falcon aggregate (or poly_metric row) has a counter and methods; a `cluster` row has a numerator and denominator.
/// </summary>
internal sealed record AggregateDefinition
{
    public required AggregateSource Source { get; init; }

    public required long Id { get; init; }

    public required IAggregateTarget Target { get; init; }

    /// <summary>The output step, in seconds; windows end on multiples of it.</summary>
    public required int Step { get; init; }

    /// <summary>The step of the series read, in seconds; the look-back is max(step, 2 × this).</summary>
    public required int SeriesStep { get; init; }

    public required string Endpoint { get; init; }

    public required string Metric { get; init; }

    /// <summary>The output tags (a Falcon aggregate adds `method=&lt;m&gt;` per method).</summary>
    public required TagSet Tags { get; init; }

    /// <summary>The output counterType (GAUGE unless a `cluster` row's ds_type says otherwise).</summary>
    public string CounterType { get; init; } = "GAUGE";

    /// <summary>The counter a Falcon aggregate reads; null for a `cluster` row.</summary>
    public CounterSpec? Counter { get; init; }

    public IReadOnlyList<IAggregateMethod> Methods { get; init; } = [];

    /// <summary>A `cluster` row's formula; null for a Falcon aggregate.</summary>
    public ClusterFormula? Formula { get; init; }

    /// <summary>Changes whenever the row does (its last_update), so a cache of its results can tell.</summary>
    public string Version { get; init; } = "";

    /// <summary>The stable identity used for ownership and fences: `cluster:12`, `aggregate:5`, `poly:3`.</summary>
    public string Key => Source switch
    {
        AggregateSource.Cluster => "cluster:",
        AggregateSource.PolyMetric => "poly:",
        _ => "aggregate:",
    } + Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The look-back for each host's value: max(step, 2 × series step), in seconds.</summary>
    public int LookbackSeconds => Math.Max(Step, 2 * SeriesStep);

    /// <summary>The counters read per host.</summary>
    public IReadOnlyList<CounterSpec> Counters => Formula?.Counters ?? (Counter is null ? [] : [Counter]);

    /// <summary>The fork's default output endpoint: `&lt;kind&gt;_poly_&lt;name&gt;` with every `.` written `_`.</summary>
    public static string DefaultEndpoint(string kind, string name) => $"{kind}_poly_{name}".Replace('.', '_');
}
