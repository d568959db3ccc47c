using System.Globalization;
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

    public static bool Matches(string query, params string[] values) =>
        query.Length == 0 || values.Any(v => v.Contains(query, StringComparison.OrdinalIgnoreCase));
}
