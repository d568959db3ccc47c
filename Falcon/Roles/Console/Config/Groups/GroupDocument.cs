using System.Text.Json.Serialization;

namespace Falcon.Roles.Console.Config.Groups;

/// <summary>
/// A host group as one audited object (kind "group"): its name, creator, service-tree tags, member hostnames and bound
/// templates, lists sorted, no database ids; its plugin directories (plugin_dir) when it has any. Also the answer of
/// `GET /api/groups/{name}`.
/// </summary>
internal sealed class GroupDocument
{
    public string Name { get; init; } = "";

    public string Creator { get; init; } = "";

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<string> Hosts { get; init; } = [];

    public IReadOnlyList<string> Templates { get; init; } = [];

    /// <summary>
    /// The plugin directories hbs hands the group's agents (open-falcon's plugin_dir, which the console does not edit
    /// otherwise). Left out when there are none. Written: absent (null) leaves the rows as they are; a list makes them
    /// equal it (so restoring a deleted group and importing an exported one bring its plugins back).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Plugins { get; init; }
}
