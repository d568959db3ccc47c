namespace Falcon.Shared.Model;

/// <summary>A pushed item's "value" as it arrived: Go decodes it into interface{}, so its JSON kind decides whether it is valid.</summary>
internal readonly record struct MetricRawValue
{
    private MetricRawValue(MetricValueKind kind, double number, string? text)
    {
        Kind = kind;
        Number = number;
        Text = text;
    }

    public MetricValueKind Kind { get; }

    /// <summary>The value when <see cref="Kind"/> is <see cref="MetricValueKind.Number"/>, else 0.</summary>
    public double Number { get; }

    /// <summary>The value when <see cref="Kind"/> is <see cref="MetricValueKind.String"/>, else null.</summary>
    public string? Text { get; }

    public static MetricRawValue Missing => default;

    public static MetricRawValue Null => new(MetricValueKind.Null, 0, null);

    public static MetricRawValue Other => new(MetricValueKind.Other, 0, null);

    public static MetricRawValue FromNumber(double number) => new(MetricValueKind.Number, number, null);

    public static MetricRawValue FromString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(MetricValueKind.String, 0, text);
    }

    public static MetricRawValue FromBoolean(bool value) => new(value ? MetricValueKind.True : MetricValueKind.False, 0, null);
}
