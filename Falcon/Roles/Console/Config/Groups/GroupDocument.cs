namespace Falcon.Roles.Console.Config.Groups;

/// <summary>
/// A host group as one audited object (kind "group"): its name, creator, service-tree tags, member hostnames and bound
/// templates, lists sorted, no database ids. Also the answer of `GET /api/groups/{name}`.
/// </summary>
internal sealed class GroupDocument
{
    public string Name { get; init; } = "";

    public string Creator { get; init; } = "";

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<string> Hosts { get; init; } = [];

    public IReadOnlyList<string> Templates { get; init; } = [];
}
