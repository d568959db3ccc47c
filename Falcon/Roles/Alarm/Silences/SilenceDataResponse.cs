namespace Falcon.Roles.Alarm.Silences;

/// <summary>A successful silence API answer: `{"data": ...}`.</summary>
internal sealed class SilenceDataResponse<T>
{
    public T? Data { get; set; }
}
