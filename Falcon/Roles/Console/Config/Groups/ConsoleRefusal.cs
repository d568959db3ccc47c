using Microsoft.AspNetCore.Http;

namespace Falcon.Roles.Console.Config.Groups;

/// <summary>
/// Thrown inside a save to refuse it (no such object 404, not yours 403, name taken 409): the transaction rolls back
/// and <see cref="Refusals.RunAsync"/> answers with the status and message.
/// </summary>
internal sealed class ConsoleRefusal(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static ConsoleRefusal NotFound(string message) => new(StatusCodes.Status404NotFound, message);

    public static ConsoleRefusal Forbidden(string message) => new(StatusCodes.Status403Forbidden, message);

    public static ConsoleRefusal Conflict(string message) => new(StatusCodes.Status409Conflict, message);
}
