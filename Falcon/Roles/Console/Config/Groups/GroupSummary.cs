namespace Falcon.Roles.Console.Config.Groups;

/// <summary>A row of `GET /api/groups`: like the group, with the number of its hosts instead of their names.</summary>
internal sealed class GroupSummary
{
    public string Name { get; init; } = "";

    public string Creator { get; init; } = "";

    public IReadOnlyList<string> Tags { get; init; } = [];

    public int Hosts { get; init; }

    public IReadOnlyList<string> Templates { get; init; } = [];
}
