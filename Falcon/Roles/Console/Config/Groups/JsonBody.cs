using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Falcon.Roles.Console.Config.Groups;

/// <summary>Request bodies and query values of the configuration API, with messages that say what was expected.</summary>
internal static class JsonBody
{
    /// <summary>The body as <typeparamref name="T"/>, or the 400 to answer.</summary>
    public static async Task<(T? Value, IResult? Refusal)> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type, string shape)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted);
            return value is null
                ? (null, ConsoleResults.Message(StatusCodes.Status400BadRequest, $"the body is empty; send {shape}"))
                : (value, null);
        }
        catch (JsonException e)
        {
            return (null, ConsoleResults.Message(StatusCodes.Status400BadRequest, $"the body is not {shape}: {e.Message}"));
        }
    }

    /// <summary>A route value, URL-decoded by routing.</summary>
    public static string Route(HttpContext context, string name) => context.Request.RouteValues[name] as string ?? "";

    /// <summary>`?limit=` (default 500, at most 10000) or null with a 400 when it is not a positive number.</summary>
    public static int? Limit(HttpContext context, out IResult? refusal, int fallback = 500, int max = 10_000)
    {
        refusal = null;
        var text = context.Request.Query["limit"].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0)
        {
            return Math.Min(limit, max);
        }

        refusal = ConsoleResults.Message(StatusCodes.Status400BadRequest, $"limit '{text}' is not a positive number");
        return null;
    }

    /// <summary>A JSON text the kind wrote, answered as it is.</summary>
    public static IResult Json(string json, int status = StatusCodes.Status200OK) =>
        Results.Text(json, "application/json", System.Text.Encoding.UTF8, status);
}
