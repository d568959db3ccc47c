namespace Falcon.Roles.Alarm.Channels;

/// <summary>`alarm.sms`: the SMS provider.</summary>
internal sealed class SmsOptions : HttpProviderOptions
{
    public const string SectionName = "alarm:sms";

    protected override string Key => "alarm.sms";
}
