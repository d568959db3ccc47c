using Microsoft.AspNetCore.Http;

namespace Falcon.Roles.Console;

/// <summary>The console API's answers: data as JSON, errors as `{"msg": "..."}` like the alarm and hbs APIs.</summary>
internal static class ConsoleResults
{
    public static IResult Message(int statusCode, string message) =>
        Results.Json(new ConsoleMessage { Msg = message }, ConsoleJsonContext.Default.ConsoleMessage, statusCode: statusCode);

    /// <summary>An upstream role's JSON passed through as it came (its status and body).</summary>
    public static IResult Raw(int statusCode, byte[] json) =>
        Results.Text(json, "application/json", statusCode);
}
