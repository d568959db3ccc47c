using System.Globalization;

namespace Falcon.Shared.Model;

/// <summary>Judge's event ids, which alarm keys event_cases rows on: s_&lt;strategyId&gt;_&lt;md5hex(PK)&gt; and e_&lt;expressionId&gt;_&lt;md5hex(PK)&gt;.</summary>
internal static class EventIds
{
    /// <summary>The id of an event raised by strategy <paramref name="strategyId"/> on the series whose md5hex(PK) is given.</summary>
    public static string ForStrategy(long strategyId, string seriesMd5Hex) =>
        string.Create(CultureInfo.InvariantCulture, $"s_{strategyId}_{seriesMd5Hex}");

    /// <summary>The id of an event raised by expression <paramref name="expressionId"/> on the series whose md5hex(PK) is given.</summary>
    public static string ForExpression(long expressionId, string seriesMd5Hex) =>
        string.Create(CultureInfo.InvariantCulture, $"e_{expressionId}_{seriesMd5Hex}");
}
