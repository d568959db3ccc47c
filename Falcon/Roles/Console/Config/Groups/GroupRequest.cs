namespace Falcon.Roles.Console.Config.Groups;

/// <summary>`POST /api/groups` and `PUT /api/groups/{name}`: a (new) name and the tags; tags left out stay as they are on a PUT.</summary>
internal sealed class GroupRequest
{
    public string? Name { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }
}
