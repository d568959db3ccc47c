using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Falcon.Tests.Integration.Roles.ApiProxy;

/// <summary>
/// Stands in for open-falcon's api (Go, backed by graph and its MySQL index, which cannot run here): a loopback HTTP
/// server answering the graph routes in open-falcon's JSON, from series given as graph would serve them (consolidated,
/// counters as rates). Endpoints get graph's small database ids (1, 2, …), which apiproxy must never pass on.
/// </summary>
internal sealed class FakeOpenFalconApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _token;
    private readonly List<string> _endpoints = [];
    private readonly Dictionary<(string Endpoint, string Counter), (string Type, int Step, (long Ts, double? Value)[] Values)> _series = [];

    private FakeOpenFalconApi(WebApplication app, string token)
    {
        _app = app;
        _token = token;
    }

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Each request: method, path and query, and its Apitoken header.</summary>
    public ConcurrentQueue<(string Request, string Apitoken)> Requests { get; } = new();

    public static async Task<FakeOpenFalconApi> StartAsync(string token)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var api = new FakeOpenFalconApi(app, token);
        app.MapGet("/api/v1/graph/endpoint", api.Guard(api.Endpoint));
        app.MapGet("/api/v1/graph/endpoint_counter", api.Guard(api.EndpointCounter));
        app.MapGet("/api/v1/graph/endpointobj", api.Guard(api.EndpointObj));
        app.MapPost("/api/v1/graph/history", api.Guard(api.History));
        app.MapPost("/api/v1/graph/lastpoint", api.Guard(api.Lastpoint));
        await app.StartAsync();
        api.BaseUri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return api;
    }

    /// <summary>A series as graph holds it: already consolidated to <paramref name="step"/>, COUNTER values already rates.</summary>
    public void Add(string endpoint, string counter, string type, int step, params (long Ts, double? Value)[] values)
    {
        if (!_endpoints.Contains(endpoint))
        {
            _endpoints.Add(endpoint);
        }

        _series[(endpoint, counter)] = (type, step, values);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private long IdOf(string endpoint) => _endpoints.IndexOf(endpoint) + 1;

    private RequestDelegate Guard(Func<HttpContext, JsonElement?, string> handler) => async context =>
    {
        var header = context.Request.Headers["Apitoken"].ToString();
        Requests.Enqueue(($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}", header));
        string? sig = null;
        try
        {
            using var token = JsonDocument.Parse(header);
            sig = token.RootElement.GetProperty("sig").GetString();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // No or malformed header: refused below, as open-falcon does.
        }

        if (sig != _token)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("""{"error":"name or sig is not vaild, please check again"}""");
            return;
        }

        JsonElement? body = null;
        if (HttpMethods.IsPost(context.Request.Method))
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body);
            body = document.RootElement.Clone();
        }

        var answer = handler(context, body);
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(answer);
    };

    private string Endpoint(HttpContext context, JsonElement? body)
    {
        var terms = context.Request.Query["q"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var limit = int.Parse(context.Request.Query["limit"].ToString() is { Length: > 0 } l ? l : "500", CultureInfo.InvariantCulture);
        var page = int.Parse(context.Request.Query["page"].ToString() is { Length: > 0 } p ? p : "1", CultureInfo.InvariantCulture);

        // MySQL REGEXP: found anywhere, case ignored; in insertion (database id) order, not sorted.
        var items = _endpoints.Where(e => terms.All(t => Regex.IsMatch(e, t, RegexOptions.IgnoreCase)))
            .Skip((page - 1) * limit).Take(limit)
            .Select(e => $$"""{"id":{{IdOf(e)}},"endpoint":"{{e}}"}""");
        return "[" + string.Join(',', items) + "]";
    }

    private string EndpointCounter(HttpContext context, JsonElement? body)
    {
        var ids = context.Request.Query["eid"].ToString().Split(',').Select(id => long.Parse(id, CultureInfo.InvariantCulture)).ToHashSet();
        var items = _series.Where(s => ids.Contains(IdOf(s.Key.Endpoint)))
            .Select(s => $$"""{"endpoint_id":{{IdOf(s.Key.Endpoint)}},"counter":"{{s.Key.Counter}}","step":{{s.Value.Step}},"type":"{{s.Value.Type}}"}""");
        return "[" + string.Join(',', items) + "]";
    }

    private string EndpointObj(HttpContext context, JsonElement? body)
    {
        var items = context.Request.Query["endpoints"].Where(e => _endpoints.Contains(e!))
            .Select(e => $$"""{"id":{{IdOf(e!)}},"endpoint":"{{e}}","ts":{{_series.Where(s => s.Key.Endpoint == e).SelectMany(s => s.Value.Values).Max(v => v.Ts)}}}""");
        return "[" + string.Join(',', items) + "]";
    }

    private string History(HttpContext context, JsonElement? body)
    {
        var root = body!.Value;
        var start = root.GetProperty("start_time").GetInt64();
        var end = root.GetProperty("end_time").GetInt64();
        var items = new List<string>();
        foreach (var host in root.GetProperty("hostnames").EnumerateArray().Select(h => h.GetString()!))
        {
            foreach (var counter in root.GetProperty("counters").EnumerateArray().Select(c => c.GetString()!))
            {
                if (_series.TryGetValue((host, counter), out var one))
                {
                    var values = one.Values.Where(v => v.Ts >= start && v.Ts <= end).Select(v => $$"""{"timestamp":{{v.Ts}},"value":{{Float(v.Value)}}}""");
                    items.Add($$"""{"endpoint":"{{host}}","counter":"{{counter}}","dstype":"{{one.Type}}","step":{{one.Step}},"Values":[{{string.Join(',', values)}}]}""");
                }
            }
        }

        return "[" + string.Join(',', items) + "]";
    }

    private string Lastpoint(HttpContext context, JsonElement? body)
    {
        var items = body!.Value.EnumerateArray().Select(i => (Endpoint: i.GetProperty("endpoint").GetString()!, Counter: i.GetProperty("counter").GetString()!))
            .Select(i => _series.TryGetValue(i, out var one)
                ? $$$"""{"endpoint":"{{{i.Endpoint}}}","counter":"{{{i.Counter}}}","value":{"timestamp":{{{one.Values[^1].Ts}}},"value":{{{Float(one.Values[^1].Value)}}}}}"""
                : $$$"""{"endpoint":"{{{i.Endpoint}}}","counter":"{{{i.Counter}}}","value":{"timestamp":0,"value":0.000000}}""");
        return "[" + string.Join(',', items) + "]";
    }

    // open-falcon's JsonFloat: %f, null for NaN.
    private static string Float(double? value) => value is { } v ? v.ToString("F6", CultureInfo.InvariantCulture) : "null";
}
