using Falcon.Shared.Datacenters;
using Falcon.Shared.Tsdb;

namespace Falcon.Roles.ApiProxy.FanOut;

/// <summary>One datacenter's query backend: its TSDB client and the slots that bound the queries in flight to it.</summary>
internal sealed class DatacenterBackend(Datacenter datacenter, PrometheusQueryClient client, int slots) : IDisposable
{
    public Datacenter Datacenter { get; } = datacenter;

    public PrometheusQueryClient Client { get; } = client;

    public SemaphoreSlim Slots { get; } = new(slots, slots);

    public void Dispose() => Slots.Dispose();
}
