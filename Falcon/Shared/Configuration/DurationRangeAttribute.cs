using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Falcon.Shared.Configuration;

/// <summary>Validates a TimeSpan option within bounds without RangeAttribute's reflection-based conversion (trim-safe).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class DurationRangeAttribute(string key, string minimum, string maximum) : ValidationAttribute
{
    public string Key { get; } = key;

    public TimeSpan Minimum { get; } = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);

    public TimeSpan Maximum { get; } = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is TimeSpan t && t >= Minimum && t <= Maximum
            ? ValidationResult.Success
            : new ValidationResult($"{Key} must be between {Minimum:c} and {Maximum:c}, got {value}");
}
