namespace Falcon.Shared.Model;

/// <summary>How a series is interpreted downstream: a gauge as is, a counter or derive as a per-second rate.</summary>
internal enum CounterType
{
    Gauge,
    Counter,
    Derive,
}
