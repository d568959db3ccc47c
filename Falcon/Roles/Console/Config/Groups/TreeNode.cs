namespace Falcon.Roles.Console.Config.Groups;

/// <summary>A node of the service tree: one segment of the group tags' paths, with the groups tagged exactly here.</summary>
internal sealed class TreeNode
{
    public string Name { get; init; } = "";

    public string Path { get; init; } = "";

    public List<TreeNode> Children { get; init; } = [];

    public List<TreeGroup> Groups { get; init; } = [];

    /// <summary>Open PROBLEM cases of the distinct hosts anywhere under this node.</summary>
    public int Alarms { get; set; }
}
