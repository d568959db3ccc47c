using System.Text.Json.Serialization;

namespace Falcon.Roles.Console;

/// <summary>`{"msg": "..."}`: what went wrong, or what was done; `field` names the form field at fault, when one is.</summary>
internal sealed class ConsoleMessage
{
    public string Msg { get; init; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Field { get; init; }
}
