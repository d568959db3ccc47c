using System.Globalization;
using Falcon.Roles.Console.Auth;
using Microsoft.AspNetCore.Http;

namespace Falcon.Roles.Console.Config.Rules;

/// <summary>Reading requests of the rules API: JSON bodies, route values, list filters, and who may change what.</summary>
internal static class RulesRequests
{
    public static string Route(HttpContext context, string name) => context.Request.RouteValues[name] as string ?? "";

    /// <summary>A numeric route value (a strategy's or expression's id), or null when it is not one.</summary>
    public static long? RouteId(HttpContext context) =>
        long.TryParse(Route(context, "id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    public static bool Matches(string name, string q) => q.Length == 0 || name.Contains(q, StringComparison.OrdinalIgnoreCase);

    /// <summary>Changing or deleting an object needs its creator or an admin (uic role 1 or 2, or the admin token).</summary>
    public static bool MayChange(ConsoleCaller caller, string creator) =>
        caller.IsAdmin || string.Equals(caller.Name, creator, StringComparison.Ordinal);

    public static IResult Forbidden(string what, string creator) =>
        ConsoleResults.Message(StatusCodes.Status403Forbidden, $"only {(creator.Length > 0 ? creator : "its creator")} (who created {what}) or an admin may change it");

    public static IResult NotFound(string what) => ConsoleResults.Message(StatusCodes.Status404NotFound, $"{what} does not exist");
}
