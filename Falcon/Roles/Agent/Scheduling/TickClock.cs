namespace Falcon.Roles.Agent.Scheduling;

/// <summary>Wall-clock aligned ticks: every multiple of the interval since the Unix epoch, so hosts line up without talking.</summary>
internal static class TickClock
{
    /// <summary>The first tick strictly after <paramref name="now"/>, in Unix seconds.</summary>
    public static long NextTick(DateTimeOffset now, int intervalSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalSeconds);
        var seconds = now.ToUnixTimeSeconds();
        return (seconds / intervalSeconds * intervalSeconds) + intervalSeconds;
    }
}
