using System.Text.Json;

namespace Falcon.Roles.Alarm.DryRun;

/// <summary>`POST /api/dryrun`: a strategy or an expression with an endpoint, or a whole judge event.</summary>
internal sealed class DryRunRequest
{
    public long? StrategyId { get; init; }

    public long? ExpressionId { get; init; }

    public string? Endpoint { get; init; }

    /// <summary>An event as judge writes it to event:pN.</summary>
    public JsonElement? Event { get; init; }
}
