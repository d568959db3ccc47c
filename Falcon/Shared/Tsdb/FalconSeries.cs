using Falcon.Shared.Model;

namespace Falcon.Shared.Tsdb;

/// <summary>A falcon series identity as read back from the TSDB: endpoint, metric, tags and counter type.</summary>
internal sealed record FalconSeries(string Endpoint, string Metric, TagSet Tags, CounterType CounterType);
