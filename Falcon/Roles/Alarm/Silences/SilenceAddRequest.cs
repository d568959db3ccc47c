namespace Falcon.Roles.Alarm.Silences;

/// <summary>The body of `POST /api/silences`: `for` is a duration such as `1h` or `2h30m`.</summary>
internal sealed class SilenceAddRequest
{
    public string? User { get; set; }

    public string? Endpoint { get; set; }

    public string? Counter { get; set; }

    public string? For { get; set; }

    public string? Comment { get; set; }

    public string? CreatedBy { get; set; }
}
