using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Falcon.Roles.Console.Auth;
using Microsoft.AspNetCore.Http;
using MySqlConnector;

namespace Falcon.Roles.Console.Config.People;

/// <summary>What the user and team endpoints share: reading a JSON body, the caller's uic role, list filters.</summary>
internal static class PeopleRequests
{
    public const int RoleBlocked = -1;
    public const int RoleAdmin = 1;
    public const int RoleRoot = 2;

    /// <summary>The body as <typeparamref name="T"/>, or the 400 answer to send.</summary>
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
            var field = e.Path?.TrimStart('$', '.') ?? "";
            var message = $"the body is not {shape}: {e.Message}";
            return (null, field.Length > 0 ? ConsoleResults.Invalid(field, message) : ConsoleResults.Message(StatusCodes.Status400BadRequest, message));
        }
    }

    /// <summary>The caller's uic role now (the admin token counts as root); -1 when the user is gone.</summary>
    public static async Task<int> RoleAsync(MySqlConnection connection, ConsoleCaller caller, CancellationToken cancellationToken)
    {
        if (caller.ViaToken)
        {
            return RoleRoot;
        }

        await using var command = new MySqlCommand("SELECT role FROM `user` WHERE id = @id", connection);
        command.Parameters.AddWithValue("@id", caller.UserId);
        var role = await command.ExecuteScalarAsync(cancellationToken);
        return role is null or DBNull ? RoleBlocked : Convert.ToInt32(role, CultureInfo.InvariantCulture);
    }

    public static string RouteName(HttpContext context) => context.Request.RouteValues["name"] as string ?? "";

    /// <summary>`?q=` (substring, case-insensitive) and `?limit=` (default 500).</summary>
    public static (string Query, int Limit) ListFilter(HttpContext context)
    {
        var query = context.Request.Query["q"].ToString().Trim();
        var limit = int.TryParse(context.Request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? Math.Min(n, 10_000) : 500;
        return (query, limit);
    }

    public static bool Matches(string query, params string[] values) =>
        query.Length == 0 || values.Any(v => v.Contains(query, StringComparison.OrdinalIgnoreCase));
}
