namespace Falcon.Roles.Console.Config.Groups;

/// <summary>Hosts to add to or remove from a group: by name, and/or every host whose name matches a glob pattern.</summary>
internal sealed class GroupHostsRequest
{
    public IReadOnlyList<string>? Hosts { get; init; }

    public string? Pattern { get; init; }
}
