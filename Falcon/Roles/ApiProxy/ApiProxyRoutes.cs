using Falcon.Roles.ApiProxy.Graph;
using Falcon.Roles.ApiProxy.Prometheus;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.ApiProxy;

/// <summary>apiproxy's routes: open-falcon's graph API, its Grafana plugin's routes, and the Prometheus HTTP API.</summary>
internal static class ApiProxyRoutes
{
    public static void Map(IEndpointRouteBuilder app, IServiceProvider root)
    {
        var http = root.GetRequiredService<ApiHttp>();
        var graph = root.GetRequiredService<GraphEndpoints>();
        var grafana = root.GetRequiredService<GrafanaEndpoints>();
        var prom = root.GetRequiredService<PromEndpoints>();
        var options = root.GetRequiredService<IOptions<ApiProxyOptions>>();
        Func<bool> grafanaAnonymous = () => options.Value.GrafanaAnonymous;

        app.MapPost("/api/v1/graph/history", http.Guard("graph/history", graph.HistoryAsync));
        app.MapPost("/api/v1/graph/lastpoint", http.Guard("graph/lastpoint", graph.LastpointAsync));
        app.MapGet("/api/v1/graph/endpoint", http.Guard("graph/endpoint", graph.EndpointAsync));
        app.MapGet("/api/v1/graph/endpoint_counter", http.Guard("graph/endpoint_counter", graph.EndpointCounterAsync));
        app.MapGet("/api/v1/graph/endpointobj", http.Guard("graph/endpointobj", graph.EndpointObjAsync));
        app.MapPost("/api/v1/graph/info", http.Guard("graph/info", graph.InfoAsync));
        app.MapGet("/api/v1/grafana", http.Guard("grafana", grafana.FindAsync, grafanaAnonymous));
        app.MapGet("/api/v1/grafana/metrics/find", http.Guard("grafana/metrics/find", grafana.FindAsync, grafanaAnonymous));
        app.MapMethods("/api/v1/grafana/render", [HttpMethods.Get, HttpMethods.Post], http.Guard("grafana/render", grafana.RenderAsync, grafanaAnonymous));

        string[] both = [HttpMethods.Get, HttpMethods.Post];
        app.MapMethods("/api/v1/query", both, http.Guard("query", prom.QueryAsync));
        app.MapMethods("/api/v1/query_range", both, http.Guard("query_range", prom.QueryRangeAsync));
        app.MapMethods("/api/v1/series", both, http.Guard("series", prom.SeriesAsync));
        app.MapMethods("/api/v1/labels", both, http.Guard("labels", prom.LabelsAsync));
        app.MapGet("/api/v1/label/{name}/values", http.Guard("label values", prom.LabelValuesAsync));
        app.MapGet("/api/v1/status/buildinfo", http.Guard("buildinfo", prom.BuildInfoAsync));
        app.MapGet("/api/v1/metadata", http.Guard("metadata", prom.MetadataAsync));
    }
}
