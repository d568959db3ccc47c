namespace Falcon.Roles.Console;

/// <summary>`{"msg": "..."}`: what went wrong, or what was done.</summary>
internal sealed class ConsoleMessage
{
    public string Msg { get; init; } = "";
}
