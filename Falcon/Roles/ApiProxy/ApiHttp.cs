using System.Globalization;
using System.Text.Json;
using Falcon.Roles.ApiProxy.Auth;
using Falcon.Roles.ApiProxy.FanOut;
using Falcon.Roles.ApiProxy.Graph;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Falcon.Roles.ApiProxy;

/// <summary>What every apiproxy route shares: authentication, open-falcon's `{"error":"…"}` replies, the partial-answer header.</summary>
internal sealed class ApiHttp(ApiProxyAuthenticator authenticator, ILogger<ApiHttp> logger)
{
    /// <summary>Wraps <paramref name="handler"/>: checks credentials (unless <paramref name="anonymous"/>) and turns failures into clear replies.</summary>
    public RequestDelegate Guard(string route, Func<HttpContext, Task> handler, Func<bool>? anonymous = null) => async context =>
    {
        var cancellationToken = context.RequestAborted;
        try
        {
            if (anonymous?.Invoke() != true && await authenticator.CheckAsync(context, cancellationToken) is { } refusal)
            {
                Log.Refused(logger, route, refusal.Status, refusal.Error);
                await WriteErrorAsync(context, refusal.Status, refusal.Error);
                return;
            }

            await handler(context);
        }
        catch (BadQueryException e)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, e.Message);
        }
        catch (QueryLimitException e)
        {
            await WriteErrorAsync(context, StatusCodes.Status422UnprocessableEntity, e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            Log.RouteFailed(logger, route, e.Message);
            await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, $"{route} failed: {e.Message}");
        }
    };

    /// <summary>open-falcon's error reply: a 4xx or 5xx status with `{"error":"…"}`.</summary>
    public static async Task WriteErrorAsync(HttpContext context, int status, string error)
    {
        context.Response.StatusCode = status;
        await WriteJsonAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("error", error);
            writer.WriteEndObject();
        });
    }

    public static async Task WriteJsonAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            write(writer);
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    /// <summary>Flags an answer that lacks some datacenters (`X-Falcon-Partial: dc2=timeout`); a reply when every datacenter failed.</summary>
    public static async Task<bool> AllFailedAsync(HttpContext context, IReadOnlyList<DatacenterFailure> failures, bool anyAnswered)
    {
        if (failures.Count == 0)
        {
            return false;
        }

        var flag = string.Join(", ", failures.Select(f => $"{f.Datacenter}={f.Reason}"));
        context.Response.Headers[FanOutResult<int>.PartialHeader] = flag;
        if (anyAnswered)
        {
            return false;
        }

        await WriteErrorAsync(context, StatusCodes.Status502BadGateway,
            "no datacenter answered: " + string.Join("; ", failures.Select(f => $"{f.Datacenter} ({f.Reason}): {f.Detail}")));
        return true;
    }

    /// <summary>open-falcon's JsonFloat: six decimals, null for NaN and infinities.</summary>
    public static void WriteFalconFloat(Utf8JsonWriter writer, string name, double value)
    {
        writer.WritePropertyName(name);
        if (double.IsFinite(value))
        {
            writer.WriteRawValue(value.ToString("F6", CultureInfo.InvariantCulture), skipInputValidation: true);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    public static async Task<JsonDocument> ReadJsonBodyAsync(HttpContext context)
    {
        try
        {
            return await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
        }
        catch (JsonException e)
        {
            throw new BadQueryException("the body is not JSON: " + e.Message, e);
        }
    }

    public static int IntQuery(HttpContext context, string name, int fallback, int min, int max)
    {
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new BadQueryException($"{name} must be a whole number from {min} to {max}, got '{text}'");
    }
}
