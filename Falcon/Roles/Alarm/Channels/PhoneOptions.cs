namespace Falcon.Roles.Alarm.Channels;

/// <summary>`alarm.phone`: the voice-call provider (called for P9 PROBLEMs in the fork's routing).</summary>
internal sealed class PhoneOptions : HttpProviderOptions
{
    public const string SectionName = "alarm:phone";

    protected override string Key => "alarm.phone";
}
