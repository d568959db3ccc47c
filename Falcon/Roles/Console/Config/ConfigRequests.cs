using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Falcon.Roles.Console.Config;

/// <summary>What every configuration endpoint reads the same way: a JSON body and the list filter.</summary>
internal static class ConfigRequests
{
    public const int DefaultLimit = 500;
    public const int MaxLimit = 10_000;

    /// <summary>The body as <typeparamref name="T"/>, or the 400 to answer (on the field the JSON broke at, when there is one).</summary>
    public static async Task<(T? Body, IResult? Error)> BodyAsync<T>(HttpContext context, JsonTypeInfo<T> type, string shape)
        where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted);
            return body is null ? (null, ConsoleResults.Message(StatusCodes.Status400BadRequest, $"the body is empty: send {shape}")) : (body, null);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null;
            var message = $"the body is not {shape}: {e.Message}";
            return (null, field is null ? ConsoleResults.Message(StatusCodes.Status400BadRequest, message) : ConsoleResults.Invalid(field, message));
        }
    }

    /// <summary>`?q=` (substring, case-insensitive) and `?limit=` (default 500, at most 10,000).</summary>
    public static (string Query, int Limit) ListFilter(HttpContext context)
    {
        var query = context.Request.Query["q"].ToString().Trim();
        var limit = int.TryParse(context.Request.Query["limit"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? Math.Min(n, MaxLimit) : DefaultLimit;
        return (query, limit);
    }
}
