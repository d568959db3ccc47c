namespace Falcon.Shared.Model.Strategies;

/// <summary>open-falcon's strategy run window (hbs/db/strategy.go): "HH:MM" strings compared as strings.</summary>
internal static class RunWindow
{
    /// <summary>
    /// True when a strategy with this window applies at <paramref name="now"/> ("HH:MM", local time): no window at
    /// all, begin &lt;= now &lt;= end, or a window crossing midnight (begin &gt; end) that does not exclude now.
    /// </summary>
    /// <remarks>
    /// Go runs this as SQL against utf8_unicode_ci columns; ordinal comparison gives the same order for well-formed
    /// "HH:MM" values (digits and ':' only), which is what the portal writes.
    /// </remarks>
    public static bool IsActive(string runBegin, string runEnd, string now)
    {
        if (runBegin.Length == 0 && runEnd.Length == 0)
        {
            return true;
        }

        if (Compare(runBegin, now) <= 0 && Compare(runEnd, now) >= 0)
        {
            return true;
        }

        return Compare(runBegin, runEnd) > 0 && !(Compare(runBegin, now) > 0 && Compare(runEnd, now) < 0);
    }

    private static int Compare(string x, string y) => string.CompareOrdinal(x, y);
}
