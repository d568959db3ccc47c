namespace Falcon.Shared.Tsdb;

/// <summary>A query answer: its resultType (vector, matrix, scalar or string) and its series; a scalar is one series without labels.</summary>
internal sealed record PromQueryResult(string ResultType, IReadOnlyList<PromSeries> Series);
