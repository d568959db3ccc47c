using Falcon.Hosting;
using Falcon.Roles.Hbs.Agents;
using Falcon.Roles.Hbs.Config;
using Falcon.Roles.Hbs.Upgrade;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Falcon.Roles.Hbs.Http;

/// <summary>hbs's HTTP routes: open-falcon's (`/agents`, `/hosts`, `/strategies`, ...) plus group host lists and upgrades.</summary>
internal static class HbsHttpRoutes
{
    public static void Map(IEndpointRouteBuilder endpoints, IServiceProvider root)
    {
        var registry = root.GetRequiredService<AgentRegistry>();
        var config = root.GetRequiredService<HbsConfig>();
        var hostWriter = root.GetRequiredService<HostWriter>();
        var time = root.GetRequiredService<TimeProvider>();
        var json = HbsHttpJsonContext.Default;

        endpoints.MapGet("/version", () => Results.Text(FalconVersion.Current));
        endpoints.MapGet("/agents", () => Results.Json(new HbsDataResponse<IReadOnlyList<string>> { Data = registry.Hostnames() }, json.HbsDataResponseIReadOnlyListString));
        // Falcon: what each agent last reported and when, for the console's agents page.
        endpoints.MapGet("/agents/heartbeats", () => Results.Json(
            new HbsDataResponse<IReadOnlyList<AgentHeartbeat>> { Data = registry.Records().Select(AgentHeartbeat.From).ToArray() }, json.HbsDataResponseIReadOnlyListAgentHeartbeat));
        endpoints.MapGet("/hosts", () => WithConfig(config, view =>
            Results.Json(new HbsDataResponse<IReadOnlyList<HostEntry>> { Data = view.GetMonitoredHosts(time.GetUtcNow()).Select(h => new HostEntry(h.Id, h.Hostname, h.Ip)).ToArray() }, json.HbsDataResponseIReadOnlyListHostEntry)));
        // As open-falcon: the strategies inside their run window, each with its own template (not per host).
        endpoints.MapGet("/strategies", () => WithConfig(config, view =>
            Results.Json(new HbsDataResponse<IReadOnlyList<Shared.Model.Strategies.Strategy>> { Data = view.GetActiveStrategies(time.GetLocalNow()) }, json.HbsDataResponseIReadOnlyListStrategy)));
        endpoints.MapGet("/expressions", () => WithConfig(config, view =>
            Results.Json(new HbsDataResponse<Shared.Model.Strategies.ExpressionsResponse> { Data = view.GetExpressions() }, json.HbsDataResponseExpressionsResponse)));
        endpoints.MapGet("/templates", () => WithConfig(config, view =>
            Results.Json(new HbsDataResponse<IReadOnlyList<Shared.Model.Strategies.Template>> { Data = view.GetTemplates() }, json.HbsDataResponseIReadOnlyListTemplate)));
        endpoints.MapGet("/plugins/{hostname}", (string hostname) => WithConfig(config, view =>
            Results.Json(new HbsDataResponse<IReadOnlyList<string>> { Data = view.GetPlugins(hostname, time.GetUtcNow().ToUnixTimeSeconds()).Plugins }, json.HbsDataResponseIReadOnlyListString)));
        endpoints.MapGet("/hostgroup/{name}/hosts", (string name) => WithConfig(config, view =>
            view.GetHostsOfGroup(name) is { } hosts
                ? Results.Json(new HbsDataResponse<IReadOnlyList<string>> { Data = hosts }, json.HbsDataResponseIReadOnlyListString)
                : Results.Json(new HbsDataResponse<IReadOnlyList<string>> { Msg = $"host group '{name}' not found" }, json.HbsDataResponseIReadOnlyListString, statusCode: StatusCodes.Status404NotFound)));
        endpoints.MapGroupByIdRoute(config);
        endpoints.MapHostStrategiesRoute(config);
        endpoints.MapGet("/cache", () => Results.Json(
            new HbsDataResponse<CacheStatus> { Data = config.Status(registry.Count, hostWriter.Pending) }, json.HbsDataResponseCacheStatus));

        endpoints.MapUpgradeRoutes(root);
    }

    // Before the first snapshot there is no configuration to serve: say so instead of answering with empty data.
    private static IResult WithConfig(HbsConfig config, Func<HbsConfigView, IResult> answer) =>
        config.TryGetView(out var view)
            ? answer(view)
            : Results.Text("hbs configuration not loaded yet (MySQL and the Redis snapshot are unreachable)", statusCode: StatusCodes.Status503ServiceUnavailable);
}
