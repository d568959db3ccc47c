namespace Falcon.Roles.Alarm.Search;

/// <summary>Who is searching: a uic user with their team names, or the admin token (sees every alarm).</summary>
internal sealed record AlarmCaller(string Name, bool SeesAll, IReadOnlyList<string> Teams)
{
    public static AlarmCaller Admin { get; } = new("admin token", true, []);
}
