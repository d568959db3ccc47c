namespace Falcon.Shared.Tsdb;

/// <summary>One point from the Prometheus HTTP API: unix seconds (fractional) and the value parsed from its string form.</summary>
internal readonly record struct PromSample(double Timestamp, double Value);
