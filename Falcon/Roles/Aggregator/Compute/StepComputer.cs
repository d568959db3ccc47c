using System.Diagnostics;
using System.Globalization;
using Falcon.Roles.Aggregator.Definitions;
using Falcon.Roles.Aggregator.Inputs;
using Falcon.Roles.Aggregator.Methods;
using Falcon.Roles.Aggregator.Targets;
using Falcon.Shared.Model;

namespace Falcon.Roles.Aggregator.Compute;

/// <summary>
/// Computes one definition for the window ending at a step-aligned time T: the target's hosts, each host's value at
/// T (rate or last value within the look-back), the fold, and the points to push, all stamped T. The same inputs give
/// the same points, so a step computed twice (an owner died before fencing it) repeats an identical point.
/// </summary>
internal sealed class StepComputer
{
    /// <summary>Suffixes of the coverage series written beside every result.</summary>
    public const string ContributedSuffix = ".coverage.contributed";
    public const string TargetSuffix = ".coverage.target";

    private readonly IHostLists _hostLists;
    private readonly TsdbValues _values;
    private readonly AggregatorMetrics _metrics;

    public StepComputer(IHostLists hostLists, TsdbValues values, AggregatorMetrics metrics)
    {
        _hostLists = hostLists;
        _values = values;
        _metrics = metrics;
    }

    public async Task<StepResult> ComputeAsync(AggregateDefinition definition, long stepTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        using var activity = AggregatorMetrics.Source.StartActivity("aggregator.step");
        activity?.SetTag("falcon.aggregate", definition.Key);
        activity?.SetTag("falcon.step", stepTime);
        var started = Stopwatch.GetTimestamp();
        var at = DateTimeOffset.FromUnixTimeSeconds(stepTime);
        var target = await definition.Target.ResolveAsync(_hostLists, at, cancellationToken).ConfigureAwait(false);
        var result = definition.Formula is { } formula
            ? await ClusterAsync(definition, formula, target, at, stepTime, cancellationToken).ConfigureAwait(false)
            : await MethodsAsync(definition, target, at, stepTime, cancellationToken).ConfigureAwait(false);
        _metrics.StepComputed(Stopwatch.GetElapsedTime(started), result.Missing);
        return result;
    }

    private async Task<StepResult> ClusterAsync(AggregateDefinition definition, ClusterFormula formula, TargetHosts target, DateTimeOffset at, long stepTime, CancellationToken cancellationToken)
    {
        var perCounter = await Task.WhenAll(formula.Counters.Select(async c =>
            (Counter: c, Values: await _values.PerHostAsync(c, definition.LookbackSeconds, target, at, cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);
        var lookup = perCounter.ToDictionary(static p => p.Counter, static p => p.Values);
        var hosts = target.Hosts ?? [.. perCounter.SelectMany(static p => p.Values.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var outcome = formula.Evaluate(hosts, (host, counter) => lookup[counter].TryGetValue(host, out var v) ? v : null);
        var points = new List<MetricValue>(3);
        if (outcome.Value is { } value)
        {
            points.Add(Point(definition.Endpoint, definition.Metric, definition.Tags, value, definition.CounterType, definition.Step, stepTime));
        }

        AddCoverage(points, definition, outcome.ValidHosts, hosts.Count, stepTime);
        return new StepResult(definition.Key, stepTime, points, outcome.ValidHosts, hosts.Count, target.Stale, outcome.Why);
    }

    private async Task<StepResult> MethodsAsync(AggregateDefinition definition, TargetHosts target, DateTimeOffset at, long stepTime, CancellationToken cancellationToken)
    {
        var counter = definition.Counter ?? throw new InvalidOperationException($"{definition.Key} has neither a counter nor a formula");
        var needs = definition.Methods.Aggregate(MethodNeeds.None, static (n, m) => n | m.Needs);
        var partsTask = _values.PartsAsync(counter, definition.LookbackSeconds, target, needs, at, cancellationToken);
        var totalTask = _values.TargetCountAsync(counter, target, at, cancellationToken);
        var parts = await partsTask.ConfigureAwait(false);
        var total = Math.Max(await totalTask.ConfigureAwait(false), (int)parts.Count);
        var points = new List<MetricValue>(definition.Methods.Count + 2);
        foreach (var method in definition.Methods)
        {
            if (method.Compute(parts) is { } value)
            {
                var tags = TagSet.From([.. definition.Tags, new("method", method.Name)]);
                points.Add(Point(definition.Endpoint, definition.Metric, tags, value, definition.CounterType, definition.Step, stepTime));
            }
        }

        AddCoverage(points, definition, (int)parts.Count, total, stepTime);
        return new StepResult(definition.Key, stepTime, points, (int)parts.Count, total, target.Stale, parts.Count == 0 ? "no host had a fresh value" : null);
    }

    private static void AddCoverage(List<MetricValue> points, AggregateDefinition definition, int contributed, int total, long stepTime)
    {
        points.Add(Point(definition.Endpoint, definition.Metric + ContributedSuffix, definition.Tags, contributed, "GAUGE", definition.Step, stepTime));
        points.Add(Point(definition.Endpoint, definition.Metric + TargetSuffix, definition.Tags, total, "GAUGE", definition.Step, stepTime));
    }

    private static MetricValue Point(string endpoint, string metric, TagSet tags, double value, string counterType, int step, long timestamp) => new()
    {
        Endpoint = endpoint,
        Metric = metric,
        Tags = tags.Canonical,
        Value = MetricRawValue.FromNumber(value),
        CounterType = counterType,
        Step = step,
        Timestamp = timestamp,
    };

    /// <summary>The step-aligned end of the newest window that is closed and <paramref name="lag"/> old at <paramref name="now"/>.</summary>
    public static long LatestDueStep(DateTimeOffset now, int step, TimeSpan lag)
    {
        var ready = (now - lag).ToUnixTimeSeconds();
        return ready - (((ready % step) + step) % step);
    }

    public static string Describe(long stepTime) => DateTimeOffset.FromUnixTimeSeconds(stepTime).ToString("u", CultureInfo.InvariantCulture);
}
