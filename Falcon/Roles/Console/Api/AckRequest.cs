namespace Falcon.Roles.Console.Api;

/// <summary>`POST /api/alarms/{id}/ack` body: why (shown to the team).</summary>
internal sealed class AckRequest
{
    public string? Note { get; set; }
}
