using Falcon.Roles.Aggregator.Definitions;
using Falcon.Roles.Aggregator.Methods;
using Falcon.Roles.Aggregator.Targets;
using Falcon.Shared.Tsdb;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Aggregator.Inputs;

/// <summary>
/// Host values of one step from the TSDB. A host list is queried in chunks under `aggregator.maxQueryLength`, all in
/// parallel. For a matcher target the engine folds (count, sum, max, min) and the parts are combined exactly here; a
/// host list's chunks, percentiles and `cluster` rows read every host's value and fold here.
/// </summary>
internal sealed class TsdbValues
{
    /// <summary>For a target given as matchers, a host counts as a member while it had the counter within this.</summary>
    public static readonly TimeSpan TargetPresence = TimeSpan.FromHours(1);

    private readonly QueryGate _gate;
    private readonly int _maxQueryLength;

    public TsdbValues(QueryGate gate, IOptions<AggregatorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _gate = gate;
        _maxQueryLength = options.Value.MaxQueryLength;
    }

    /// <summary>Each host's value at <paramref name="at"/>; hosts without a fresh value are absent.</summary>
    public async Task<Dictionary<string, double>> PerHostAsync(CounterSpec counter, int lookbackSeconds, TargetHosts target, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var query = new ValueQuery(counter, lookbackSeconds, target.Matchers);
        var results = await Task.WhenAll(Chunks(query, target).Select(chunk => _gate.QueryAsync(query.ForHosts(chunk), at, cancellationToken))).ConfigureAwait(false);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var series in results.SelectMany(static r => r.Series))
        {
            if (series.Labels.TryGetValue(SeriesMapping.EndpointLabel, out var endpoint) && series.Samples.Count > 0 && double.IsFinite(series.Samples[^1].Value))
            {
                values[endpoint] = series.Samples[^1].Value;
            }
        }

        return values;
    }

    /// <summary>The combined parts of every chunk, with every value only when <paramref name="needs"/> asks for them.</summary>
    /// <remarks>
    /// The engine folds a chunk only for a target given as matchers (its answer per host could be any size) or when
    /// the count alone is needed. A host-list chunk's answer is bounded by the chunk, and each fold is one more
    /// evaluation of the whole per-host expression: reading every host's value once and folding here took a third of
    /// the TSDB's CPU and half the time of count + sum + max + min per chunk (`falcon bench aggregator`, BENCHMARKS.md).
    /// </remarks>
    public async Task<AggregateParts> PartsAsync(CounterSpec counter, int lookbackSeconds, TargetHosts target, MethodNeeds needs, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (needs.HasFlag(MethodNeeds.AllValues) || (target.Hosts is not null && needs != MethodNeeds.None))
        {
            return AggregateParts.Of((await PerHostAsync(counter, lookbackSeconds, target, at, cancellationToken).ConfigureAwait(false)).Values);
        }

        var query = new ValueQuery(counter, lookbackSeconds, target.Matchers);
        var parts = await Task.WhenAll(Chunks(query, target).Select(chunk => ChunkPartsAsync(query.ForHosts(chunk), needs, at, cancellationToken))).ConfigureAwait(false);
        return parts.Aggregate(AggregateParts.Empty, static (a, b) => a.Combine(b));
    }

    /// <summary>How many hosts a matcher target has (those with the counter within <see cref="TargetPresence"/>).</summary>
    public async Task<int> TargetCountAsync(CounterSpec counter, TargetHosts target, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (target.Hosts is { } hosts)
        {
            return hosts.Count;
        }

        var query = new ValueQuery(counter, 1, target.Matchers);
        return (int)(Scalar(await _gate.QueryAsync(query.TargetCount(TargetPresence), at, cancellationToken).ConfigureAwait(false)) ?? 0);
    }

    private IReadOnlyList<IReadOnlyList<string>?> Chunks(ValueQuery query, TargetHosts target) =>
        target.Hosts is { } hosts ? [.. query.Chunk(hosts, _maxQueryLength)] : [(IReadOnlyList<string>?)null];

    private async Task<AggregateParts> ChunkPartsAsync(string perHost, MethodNeeds needs, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var count = _gate.QueryAsync($"count({perHost})", at, cancellationToken);
        var sum = needs.HasFlag(MethodNeeds.Sum) ? _gate.QueryAsync($"sum({perHost})", at, cancellationToken) : null;
        var max = needs.HasFlag(MethodNeeds.Max) ? _gate.QueryAsync($"max({perHost})", at, cancellationToken) : null;
        var min = needs.HasFlag(MethodNeeds.Min) ? _gate.QueryAsync($"min({perHost})", at, cancellationToken) : null;
        var n = (long)(Scalar(await count.ConfigureAwait(false)) ?? 0);
        if (n == 0)
        {
            return AggregateParts.Empty;
        }

        return new AggregateParts(
            n,
            sum is null ? 0 : Scalar(await sum.ConfigureAwait(false)) ?? 0,
            max is null ? double.NegativeInfinity : Scalar(await max.ConfigureAwait(false)) ?? double.NegativeInfinity,
            min is null ? double.PositiveInfinity : Scalar(await min.ConfigureAwait(false)) ?? double.PositiveInfinity,
            null);
    }

    private static double? Scalar(PromQueryResult result) =>
        result.Series is [{ Samples: [.., var last] }, ..] ? last.Value : null;
}
