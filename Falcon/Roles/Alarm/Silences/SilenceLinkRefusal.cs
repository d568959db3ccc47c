namespace Falcon.Roles.Alarm.Silences;

/// <summary>Why a link was refused; the reason is also the metric tag.</summary>
internal enum SilenceLinkRefusal
{
    None,
    Disabled,
    Malformed,
    Forged,
    Expired,
}
