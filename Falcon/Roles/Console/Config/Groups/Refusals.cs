using Falcon.Roles.Console.Auth;
using Microsoft.AspNetCore.Http;
using MySqlConnector;

namespace Falcon.Roles.Console.Config.Groups;

/// <summary>Turns a <see cref="ConsoleRefusal"/> (or a lost race on a unique name) into the answer, and says who may change what.</summary>
internal static class Refusals
{
    public static async Task<IResult> RunAsync(Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (ConsoleRefusal refusal)
        {
            return ConsoleResults.Message(refusal.Status, refusal.Message);
        }
        catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.DuplicateKeyEntry)
        {
            // Another request created the same name between our check and our insert.
            return ConsoleResults.Message(StatusCodes.Status409Conflict, "that name was taken by another change just now: " + e.Message);
        }
    }

    /// <summary>Changing or deleting an object needs its creator or an admin (uic role 1 or 2, or the admin token).</summary>
    public static void DemandOwner(ConsoleCaller caller, string creator, string what)
    {
        if (!caller.IsAdmin && !string.Equals(caller.Name, creator, StringComparison.Ordinal))
        {
            throw ConsoleRefusal.Forbidden($"{what} was created by {(creator.Length == 0 ? "nobody known" : creator)}: only its creator or an admin may change it");
        }
    }
}
