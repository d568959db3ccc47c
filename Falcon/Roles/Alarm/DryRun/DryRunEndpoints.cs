using System.Text.Json;
using Falcon.Hosting.Admin;
using Falcon.Roles.Alarm.Consumption;
using Falcon.Roles.Alarm.Silences;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace Falcon.Roles.Alarm.DryRun;

/// <summary>
/// `POST /api/dryrun`: who an alarm would reach, on which channels, without sending. The same access rule as the
/// silence API's changes (a loopback caller or the `host.adminToken` bearer token, docs/admin-access.md), since the
/// answer holds people's contact details. Errors are `{"msg": "..."}` with 400, 403, 404 or 503.
/// </summary>
internal sealed class DryRunEndpoints(DryRunEventSource events, DryRunner runner, Func<string?> adminToken, ILogger logger)
{
    public async Task<IResult> RunAsync(HttpContext context)
    {
        if (!await AdminAccess.IsAllowedAsync(context, adminToken()))
        {
            DryRunLog.AccessRefused(logger, SilenceApiEndpoints.Remote(context));
            return Message(StatusCodes.Status403Forbidden, SilenceApiEndpoints.NoPrivilege);
        }

        DryRunRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, DryRunJsonContext.Default.DryRunRequest, context.RequestAborted);
        }
        catch (JsonException e)
        {
            return Message(StatusCodes.Status400BadRequest, $"the body is not dry run JSON {{\"strategyId\",\"endpoint\"}}: {e.Message}");
        }

        if (request is null)
        {
            return Message(StatusCodes.Status400BadRequest, Usage);
        }

        try
        {
            DryRunSubject? subject;
            var endpoint = request.Endpoint?.Trim() ?? "";
            if (request.Event is { ValueKind: JsonValueKind.Object } raw)
            {
                var parsed = EventParser.Parse(raw.GetRawText(), out var reason);
                if (parsed is null)
                {
                    return Message(StatusCodes.Status400BadRequest, $"event: {reason}");
                }

                subject = new DryRunSubject(parsed, parsed.Strategy?.Tpl?.Name ?? "", []);
            }
            else if (request.StrategyId is null && request.ExpressionId is null)
            {
                return Message(StatusCodes.Status400BadRequest, Usage);
            }
            else if (endpoint.Length == 0)
            {
                return Message(StatusCodes.Status400BadRequest, "endpoint: give the host the alarm would be about");
            }
            else if (request.StrategyId is { } strategyId)
            {
                subject = await events.ForStrategyAsync(strategyId, endpoint, context.RequestAborted);
                if (subject is null)
                {
                    return Message(StatusCodes.Status404NotFound, $"no strategy {strategyId}: it was deleted, or the id is wrong");
                }
            }
            else
            {
                var expressionId = request.ExpressionId!.Value;
                subject = await events.ForExpressionAsync(expressionId, endpoint, context.RequestAborted);
                if (subject is null)
                {
                    return Message(StatusCodes.Status404NotFound, $"no expression {expressionId}: it was deleted, or the id is wrong");
                }
            }

            var answer = await runner.RunAsync(subject, context.RequestAborted);
            DryRunLog.Ran(logger, answer.EventId, answer.ActionId, answer.Recipients.Count, SilenceApiEndpoints.Remote(context));
            return Results.Json(answer, DryRunJsonContext.Default.DryRunAnswer);
        }
        catch (MySqlException e)
        {
            return Message(StatusCodes.Status503ServiceUnavailable, $"mysql unavailable, the route cannot be looked up: {e.Message}");
        }
    }

    private const string Usage = "send {\"strategyId\":N,\"endpoint\":\"host\"}, {\"expressionId\":N,\"endpoint\":\"host\"} or {\"event\":{...a judge event...}}";

    private static IResult Message(int statusCode, string message) =>
        Results.Json(new SilenceMessageResponse { Msg = message }, DryRunJsonContext.Default.SilenceMessageResponse, statusCode: statusCode);
}
