using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Falcon.Shared.Configuration;

/// <summary>
/// A numeric range whose message names the configuration key. Works around dotnet/runtime#123137: the options
/// validator generator replaces [Range] with its own copy, which drops ErrorMessage and prints the property name.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class KeyedRangeAttribute(string key, double minimum, double maximum) : ValidationAttribute
{
    public string Key { get; } = key;

    public double Minimum { get; } = minimum;

    public double Maximum { get; } = maximum;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var number = value switch
        {
            int i => i,
            long l => l,
            double d => d,
            _ => double.NaN,
        };
        return number >= Minimum && number <= Maximum
            ? ValidationResult.Success
            : new ValidationResult(string.Create(CultureInfo.InvariantCulture, $"{Key} must be between {Minimum} and {Maximum}, got {value}"));
    }
}
