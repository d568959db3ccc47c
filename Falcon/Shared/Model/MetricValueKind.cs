namespace Falcon.Shared.Model;

/// <summary>The JSON kind a pushed item's "value" arrived as; only numbers and numeric strings are valid.</summary>
internal enum MetricValueKind
{
    Missing,
    Null,
    Number,
    String,
    True,
    False,
    /// <summary>An object or an array; its content is not kept.</summary>
    Other,
}
