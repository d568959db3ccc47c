using Falcon.Roles.ApiProxy.FalconApi;
using Falcon.Shared.Datacenters;
using Falcon.Shared.Tsdb;

namespace Falcon.Roles.ApiProxy.FanOut;

/// <summary>
/// One datacenter's query backends (its TSDB client, its open-falcon api client, or both) and the slots that bound the
/// queries in flight to it, whichever backend they go to.
/// </summary>
internal sealed class DatacenterBackend(Datacenter datacenter, PrometheusQueryClient? tsdb, FalconApiClient? api, int slots) : IDisposable
{
    public Datacenter Datacenter { get; } = datacenter;

    /// <summary>The TSDB client; null when the datacenter has no `queryUrl`.</summary>
    public PrometheusQueryClient? Tsdb { get; } = tsdb;

    /// <summary>The open-falcon api client; null when the datacenter has no `apiUrl`. The graph routes prefer it.</summary>
    public FalconApiClient? Api { get; } = api;

    public SemaphoreSlim Slots { get; } = new(slots, slots);

    public void Dispose() => Slots.Dispose();
}
