using Falcon.Roles.ApiProxy.FalconApi;
using Falcon.Shared.Datacenters;
using Falcon.Shared.Tsdb;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.ApiProxy.FanOut;

/// <summary>A <see cref="DatacenterBackend"/> per datacenter; TSDB and open-falcon api clients share one HttpClient connection pool.</summary>
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
                dc.HasTsdb ? new PrometheusQueryClient(httpClients.CreateClient(TsdbServiceCollectionExtensions.HttpClientName), dc.QueryUrl, dc.Timeout) : null,
                dc.Api is { } api ? new FalconApiClient(httpClients.CreateClient(TsdbServiceCollectionExtensions.HttpClientName), api) : null,
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
