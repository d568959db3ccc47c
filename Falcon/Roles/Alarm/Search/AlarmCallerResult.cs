namespace Falcon.Roles.Alarm.Search;

/// <summary>The caller, or why they are refused (401 for no, unknown or expired credentials, 403 for a blocked user).</summary>
internal sealed record AlarmCallerResult(AlarmCaller? Caller, int StatusCode, string Error)
{
    public static AlarmCallerResult Of(AlarmCaller caller) => new(caller, 200, "");

    public static AlarmCallerResult Refused(int statusCode, string error) => new(null, statusCode, error);
}
