namespace Falcon.Roles.ApiProxy.FalconApi;

/// <summary>One lastpoint item of an open-falcon api: the series and its latest value (a rate already, for counters).</summary>
internal sealed record FalconApiPoint(string Endpoint, string Counter, long Timestamp, double Value);
