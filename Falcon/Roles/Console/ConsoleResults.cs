using Microsoft.AspNetCore.Http;

namespace Falcon.Roles.Console;

/// <summary>The console API's answers: data as JSON, errors as `{"msg": "..."}` like the alarm and hbs APIs.</summary>
internal static class ConsoleResults
{
    public static IResult Message(int statusCode, string message) =>
        Results.Json(new ConsoleMessage { Msg = message }, ConsoleJsonContext.Default.ConsoleMessage, statusCode: statusCode);

    /// <summary>400 naming the form field at fault, so the page can show the message on that field.</summary>
    public static IResult Invalid(string field, string message) =>
        Results.Json(new ConsoleMessage { Msg = message, Field = field }, ConsoleJsonContext.Default.ConsoleMessage, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>An upstream role's JSON passed through as it came (its status and body).</summary>
    public static IResult Raw(int statusCode, byte[] json) =>
        Results.Text(json, "application/json", statusCode);
}
