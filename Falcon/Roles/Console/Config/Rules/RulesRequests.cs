using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Falcon.Roles.Console.Auth;
using Microsoft.AspNetCore.Http;

namespace Falcon.Roles.Console.Config.Rules;

/// <summary>Reading requests of the rules API: JSON bodies, route values, list filters, and who may change what.</summary>
internal static class RulesRequests
{
    public const int DefaultLimit = 500;
    public const int MaxLimit = 10_000;

    /// <summary>The body as <typeparamref name="T"/>, or the 400 to answer.</summary>
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

    public static string Route(HttpContext context, string name) => context.Request.RouteValues[name] as string ?? "";

    /// <summary>A numeric route value (a strategy's or expression's id), or null when it is not one.</summary>
    public static long? RouteId(HttpContext context) =>
        long.TryParse(Route(context, "id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    /// <summary>`?q=` (substring, case-insensitive) and `?limit=` (default 500).</summary>
    public static (string Q, int Limit) Filter(HttpContext context)
    {
        var q = context.Request.Query["q"].ToString().Trim();
        var limit = int.TryParse(context.Request.Query["limit"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? Math.Min(l, MaxLimit) : DefaultLimit;
        return (q, limit);
    }

    public static bool Matches(string name, string q) => q.Length == 0 || name.Contains(q, StringComparison.OrdinalIgnoreCase);

    /// <summary>Changing or deleting an object needs its creator or an admin (uic role 1 or 2, or the admin token).</summary>
    public static bool MayChange(ConsoleCaller caller, string creator) =>
        caller.IsAdmin || string.Equals(caller.Name, creator, StringComparison.Ordinal);

    public static IResult Forbidden(string what, string creator) =>
        ConsoleResults.Message(StatusCodes.Status403Forbidden, $"only {(creator.Length > 0 ? creator : "its creator")} (who created {what}) or an admin may change it");

    public static IResult NotFound(string what) => ConsoleResults.Message(StatusCodes.Status404NotFound, $"{what} does not exist");
}
