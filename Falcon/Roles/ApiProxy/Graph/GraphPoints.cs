using Falcon.Roles.ApiProxy.FanOut;

namespace Falcon.Roles.ApiProxy.Graph;

/// <summary>
/// What the datacenters hold of the requested series: raw TSDB points (<see cref="Raw"/>, merged over datacenters, still
/// to be rated and consolidated) and series an open-falcon api answered (<see cref="Ready"/>, rated and consolidated by
/// graph already, so used as they are).
/// </summary>
internal sealed record GraphPoints(
    Dictionary<(string Endpoint, string Counter), GraphSeries> Raw,
    Dictionary<(string Endpoint, string Counter), HistorySeries> Ready,
    IReadOnlyList<DatacenterFailure> Failures,
    bool AnyAnswered);
