namespace Falcon.Roles.Alarm.Silences;

/// <summary>A silence API answer naming a problem or an outcome: `{"msg": "..."}`.</summary>
internal sealed class SilenceMessageResponse
{
    public string Msg { get; set; } = string.Empty;
}
