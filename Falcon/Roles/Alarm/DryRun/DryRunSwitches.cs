namespace Falcon.Roles.Alarm.DryRun;

/// <summary>falcon_action_channel as the alarm reads it.</summary>
internal sealed class DryRunSwitches
{
    public bool Phone { get; init; } = true;

    public bool Im { get; init; } = true;

    public bool GroupChat { get; init; } = true;
}
