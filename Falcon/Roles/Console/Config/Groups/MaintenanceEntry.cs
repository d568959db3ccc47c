namespace Falcon.Roles.Console.Config.Groups;

/// <summary>A row of `GET /api/maintenance`: a host whose window has not ended, and whether it has begun.</summary>
internal sealed class MaintenanceEntry
{
    public string Name { get; init; } = "";

    public long MaintainBegin { get; init; }

    public long MaintainEnd { get; init; }

    public bool Active { get; init; }
}
