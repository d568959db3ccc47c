namespace Falcon.Roles.Alarm.Routing;

/// <summary>
/// An action's channel switches (falcon_portal.falcon_action_channel). Off means that channel is not used for the
/// action's alarms whatever the priority; SMS and mail have no switch and follow open-falcon's rules.
/// </summary>
internal sealed record ActionChannels(bool Phone, bool Im, bool GroupChat)
{
    /// <summary>open-falcon's behaviour, for an action without a row.</summary>
    public static ActionChannels AllOn { get; } = new(true, true, true);
}
