namespace Falcon.Shared.Tsdb;

/// <summary>One series of a query result: its labels (`__name__` included) and its points, one for an instant query.</summary>
internal sealed record PromSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<PromSample> Samples);
