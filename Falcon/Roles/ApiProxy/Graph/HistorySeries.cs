using Falcon.Shared.Model;

namespace Falcon.Roles.ApiProxy.Graph;

/// <summary>One series of a history answer: open-falcon's GraphQueryResponse.</summary>
internal sealed record HistorySeries(string Endpoint, string Counter, CounterType Type, int Step, IReadOnlyList<(long Timestamp, double Value)> Values);
