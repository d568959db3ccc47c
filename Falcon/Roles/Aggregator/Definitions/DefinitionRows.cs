using System.Globalization;
using Falcon.Roles.Aggregator.Methods;
using Falcon.Roles.Aggregator.Targets;
using Falcon.Shared.Model;

namespace Falcon.Roles.Aggregator.Definitions;

/// <summary>Turns table rows into definitions; a row that does not make sense becomes a problem with its reason.</summary>
internal static class DefinitionRows
{
    /// <summary>A row of open-falcon's `cluster` table. Upstream ignores rows with step &lt;= 0, and so does this.</summary>
    public static (AggregateDefinition? Definition, string? Problem) Cluster(
        long id, long groupId, string numerator, string denominator, string endpoint, string metric, string tags, string dsType, int step, string version, int seriesStep)
    {
        if (step <= 0)
        {
            return (null, $"step {step} is not positive (upstream ignores such rows too)");
        }

        if (!ClusterExpression.TryParse(numerator, out var n, out var error) || !ClusterExpression.TryParse(denominator, out var d, out error))
        {
            return (null, error);
        }

        if (!n.NeedsHostValues && !d.NeedsHostValues)
        {
            return (null, "neither the numerator nor the denominator names a counter $(...): nothing to compute");
        }

        if (string.IsNullOrWhiteSpace(endpoint) || string.IsNullOrWhiteSpace(metric))
        {
            return (null, "endpoint and metric must not be empty");
        }

        return (new AggregateDefinition
        {
            Source = AggregateSource.Cluster,
            Id = id,
            Target = new GroupIdTarget(groupId),
            Step = step,
            SeriesStep = seriesStep,
            Endpoint = endpoint.Trim(),
            Metric = metric.Trim(),
            Tags = TagSet.Parse(tags),
            CounterType = string.IsNullOrWhiteSpace(dsType) ? "GAUGE" : dsType.Trim().ToUpperInvariant(),
            Formula = new ClusterFormula(n, d),
            Version = version,
        }, null);
    }

    /// <summary>A row of Falcon's `falcon_aggregate` table (or a `poly_metric` row turned into one).</summary>
    public static (AggregateDefinition? Definition, string? Problem) Aggregate(
        AggregateSource source, long id, string name, string targetKind, string target, string counter, string methods,
        string? endpoint, string? metric, string tags, int step, int seriesStep, string version)
    {
        if (step <= 0)
        {
            return (null, $"step {step} is not positive");
        }

        if (!AggregateTargets.TryCreate(targetKind, target, out var resolved, out var error)
            || !CounterSpec.TryParse(counter, out var spec, out error)
            || !AggregateMethods.TryParseList(methods, out var list, out error))
        {
            return (null, error);
        }

        var label = string.IsNullOrWhiteSpace(name) ? target : name.Trim();
        return (new AggregateDefinition
        {
            Source = source,
            Id = id,
            Target = resolved,
            Step = step,
            SeriesStep = seriesStep,
            Endpoint = string.IsNullOrWhiteSpace(endpoint) ? AggregateDefinition.DefaultEndpoint(resolved.Kind, label) : endpoint.Trim(),
            Metric = string.IsNullOrWhiteSpace(metric) ? spec.Text : metric.Trim(),
            Tags = TagSet.Parse(tags),
            Counter = spec,
            Methods = list,
            Version = version,
        }, null);
    }

    public static string Version(DateTime? lastUpdate) =>
        lastUpdate?.ToString("O", CultureInfo.InvariantCulture) ?? "";
}
