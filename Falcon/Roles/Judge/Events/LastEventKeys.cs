namespace Falcon.Roles.Judge.Events;

/// <summary>
/// Where the last event of each event id is kept. One key per id, with no hash tag, spreads the ids over every slot of a
/// Redis Cluster; a shared tag (or one hash of all ids) would put every judge write on one node. No command ever needs two
/// of these keys together, so nothing requires them to share a slot.
/// </summary>
internal static class LastEventKeys
{
    public const string Prefix = "judge:last:";

    /// <summary>
    /// How long a last event outlives its last write. open-falcon's judge purges series idle for 7 days; a state older than
    /// that would only make a long-dead PROBLEM send an OK, so it is allowed to expire.
    /// </summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromDays(7);

    public static string For(string eventId)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        return Prefix + eventId;
    }
}
