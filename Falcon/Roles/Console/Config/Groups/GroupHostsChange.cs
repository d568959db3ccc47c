using System.Text.Json.Serialization;

namespace Falcon.Roles.Console.Config.Groups;

/// <summary>What adding or removing hosts did: added and already-members on an add, removed on a remove.</summary>
internal sealed class GroupHostsChange
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Added { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Already { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Removed { get; init; }
}
