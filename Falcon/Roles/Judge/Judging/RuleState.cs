namespace Falcon.Roles.Judge.Judging;

/// <summary>One rule on one series: its event id, built once, and whether its last event was read back from Redis.</summary>
internal sealed class RuleState(string eventId)
{
    public string EventId { get; } = eventId;

    /// <summary>Set once the stored last event of <see cref="EventId"/> has been restored (or found absent).</summary>
    public bool Warmed { get; set; }
}
