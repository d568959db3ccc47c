namespace Falcon.Roles.Alarm.DryRun;

/// <summary>One user of the action's teams.</summary>
internal sealed class DryRunRecipient
{
    public string User { get; init; } = "";

    /// <summary>phone, sms, im, mail: the channels a message would go out on; empty when silenced.</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];

    public DryRunAddresses Addresses { get; init; } = new();

    /// <summary>The user (by name or IM id) silenced this endpoint and counter.</summary>
    public bool Silenced { get; init; }
}
