namespace Falcon.Roles.Console.Config.Groups;

/// <summary>A group as the service tree shows it: its hosts and the open PROBLEM cases of those hosts.</summary>
internal sealed class TreeGroup
{
    public string Name { get; init; } = "";

    public IReadOnlyList<string> Hosts { get; init; } = [];

    public int Alarms { get; init; }
}
