using System.Text.Json;
using Falcon.Roles.Alarm.Consumption;
using StackExchange.Redis;

namespace Falcon.Roles.Alarm.Retention;

/// <summary>
/// Drops dead letters older than the retention and beyond the size cap. The list is filled at its head (LPUSH), so
/// the oldest entries sit at the tail: they are looked at from there and popped while they are too old.
/// </summary>
internal static class DeadLetterRetention
{
    /// <summary>Trims <paramref name="key"/>; returns how many entries were dropped.</summary>
    public static async Task<long> TrimAsync(IDatabase db, string key, DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        long dropped = 0;
        var length = await db.ListLengthAsync(key);
        if (length > max)
        {
            await db.ListTrimAsync(key, 0, max - 1);
            dropped += length - max;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            var oldest = await db.ListGetByIndexAsync(key, -1);
            if (oldest.IsNull || !IsOlder((string)oldest!, before))
            {
                return dropped;
            }

            // Pop exactly the entry looked at: another instance may be trimming too.
            var removed = await db.ListRemoveAsync(key, oldest, -1);
            if (removed == 0)
            {
                continue;
            }

            dropped += removed;
        }

        return dropped;
    }

    /// <summary>An entry older than <paramref name="before"/>; one that cannot be read counts as old (it is of no use).</summary>
    internal static bool IsOlder(string entry, DateTimeOffset before)
    {
        try
        {
            var letter = JsonSerializer.Deserialize(entry, ConsumptionJsonContext.Default.DeadLetter);
            return letter is null || letter.At < before.ToUnixTimeSeconds();
        }
        catch (JsonException)
        {
            return true;
        }
    }
}
