namespace Falcon.Shared.Model;

/// <summary>The wire spellings of <see cref="CounterType"/>, which open-falcon compares case-sensitively.</summary>
internal static class CounterTypes
{
    public const string Gauge = "GAUGE";
    public const string Counter = "COUNTER";
    public const string Derive = "DERIVE";

    /// <summary>Parses exactly "GAUGE", "COUNTER" or "DERIVE"; any other spelling, "gauge" included, fails.</summary>
    public static bool TryParse(string? text, out CounterType type)
    {
        switch (text)
        {
            case Gauge:
                type = CounterType.Gauge;
                return true;
            case Counter:
                type = CounterType.Counter;
                return true;
            case Derive:
                type = CounterType.Derive;
                return true;
            default:
                type = default;
                return false;
        }
    }

    /// <summary>The wire spelling of <paramref name="type"/>.</summary>
    public static string ToWireString(this CounterType type) => type switch
    {
        CounterType.Gauge => Gauge,
        CounterType.Counter => Counter,
        CounterType.Derive => Derive,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown counter type."),
    };
}
