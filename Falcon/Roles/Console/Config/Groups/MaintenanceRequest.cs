namespace Falcon.Roles.Console.Config.Groups;

/// <summary>`PUT /api/hosts/{host}/maintenance`: the window in unix seconds.</summary>
internal sealed class MaintenanceRequest
{
    public long? Begin { get; init; }

    public long? End { get; init; }
}
