namespace Falcon.Roles.Console.Api;

/// <summary>What the alarm role's `POST /api/dryrun` takes.</summary>
internal sealed class AlarmDryRunRequest
{
    public long StrategyId { get; init; }

    public string Endpoint { get; init; } = "";
}
