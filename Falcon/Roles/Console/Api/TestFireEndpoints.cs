using System.Globalization;
using System.Text.Json;
using Falcon.Roles.Console.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Console.Api;

/// <summary>
/// `POST /api/strategies/{id}/test` `{"endpoint"}`: a strategy test-fired through the alarm role's dry run (its real
/// routing, silences and channel rules; nothing is sent), answered as the alarm role answers. The console calls it as
/// host.adminToken: the answer holds contact details every signed-in person may see on the teams pages anyway.
/// </summary>
internal sealed class TestFireEndpoints(Upstream upstream, ILogger logger)
{
    public async Task<IResult> TestAsync(HttpContext context, ConsoleCaller caller)
    {
        var id = context.Request.RouteValues["id"] as string ?? "";
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var strategyId) || strategyId <= 0)
        {
            return ConsoleResults.Message(StatusCodes.Status404NotFound, $"'{id}' is not a strategy id: ids are positive numbers");
        }

        TestFireRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, TestFireJsonContext.Default.TestFireRequest, context.RequestAborted);
        }
        catch (JsonException e)
        {
            return ConsoleResults.Invalid("endpoint", $"the body is not {{\"endpoint\":\"host\"}}: {e.Message}");
        }

        var endpoint = request?.Endpoint?.Trim() ?? "";
        if (endpoint.Length == 0)
        {
            return ConsoleResults.Invalid("endpoint", "give the host to test the strategy on, for example web-01");
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(new AlarmDryRunRequest { StrategyId = strategyId, Endpoint = endpoint }, TestFireJsonContext.Default.AlarmDryRunRequest);
        var (status, body) = await upstream.SendAsync(upstream.Alarm, HttpMethod.Post, "api/dryrun", null, json, context.RequestAborted);
        if (status == StatusCodes.Status200OK)
        {
            Log.Acted(logger, caller.Name, "test-fired", $"strategy {strategyId} on {endpoint}");
        }

        return ConsoleResults.Raw(status, body); // the alarm role's own message when it refused (404 for an unknown strategy)
    }
}
