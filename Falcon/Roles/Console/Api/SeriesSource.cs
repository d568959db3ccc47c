using Falcon.Roles.Console.Auth;
using Falcon.Shared.Tsdb;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Console.Api;

/// <summary>
/// Where the charts read: the TSDB at tsdb.queryUrl, or apiproxy at console.apiProxyUrl, which merges every
/// datacenter. apiproxy is called as the signed-in person (their uic session in open-falcon's Apitoken header), so its
/// own authentication decides, as it does for any other client.
/// </summary>
internal sealed class SeriesSource(PrometheusQueryClient tsdb, IHttpClientFactory httpClients, Upstream upstream, IOptions<ConsoleOptions> options)
{
    public const string HttpClientName = "Falcon.Console.ApiProxy";

    /// <summary>How error messages name the source, with the key that sets it.</summary>
    public string Name => options.Value.ApiProxyUrl.Length > 0
        ? $"apiproxy at {options.Value.ApiProxyUrl} (console.apiProxyUrl)"
        : $"the TSDB at {tsdb.BaseUrl} (tsdb.queryUrl)";

    /// <summary>A client for one request of <paramref name="caller"/>; dispose it when the request is done.</summary>
    public Lease For(ConsoleCaller caller)
    {
        var url = options.Value.ApiProxyUrl;
        if (url.Length == 0)
        {
            return new Lease(tsdb, null);
        }

        // A client of the factory per request: its default headers carry this caller only; the handler is pooled.
        var http = httpClients.CreateClient(HttpClientName);
        upstream.Authenticate(http.DefaultRequestHeaders, caller);
        return new Lease(new PrometheusQueryClient(http, url, options.Value.CallTimeout), http);
    }

    internal sealed class Lease(PrometheusQueryClient client, HttpClient? owned) : IDisposable
    {
        public PrometheusQueryClient Client { get; } = client;

        public void Dispose() => owned?.Dispose();
    }
}
