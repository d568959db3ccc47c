using Falcon.Shared.Datacenters;
using Falcon.Shared.Tsdb;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.ApiProxy.FanOut;

/// <summary>A <see cref="DatacenterBackend"/> per datacenter, sharing the TSDB HttpClient's connection pool.</summary>
internal sealed class DatacenterBackends : IDisposable
{
    private readonly Dictionary<string, DatacenterBackend> _byName;

    public DatacenterBackends(DatacenterMap map, IHttpClientFactory httpClients, IOptions<ApiProxyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(httpClients);
        ArgumentNullException.ThrowIfNull(options);
        _byName = map.Datacenters.ToDictionary(
            dc => dc.Name,
            dc => new DatacenterBackend(
                dc,
                new PrometheusQueryClient(httpClients.CreateClient(TsdbServiceCollectionExtensions.HttpClientName), dc.QueryUrl, dc.Timeout),
                options.Value.MaxConcurrentPerDatacenter),
            StringComparer.OrdinalIgnoreCase);
    }

    public DatacenterBackend this[Datacenter datacenter] => _byName[datacenter.Name];

    public void Dispose()
    {
        foreach (var backend in _byName.Values)
        {
            backend.Dispose();
        }
    }
}
