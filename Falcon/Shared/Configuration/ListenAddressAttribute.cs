using System.ComponentModel.DataAnnotations;

namespace Falcon.Shared.Configuration;

/// <summary>Validates an options string as a listen address; the message names the configuration key.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ListenAddressAttribute(string key) : ValidationAttribute
{
    public string Key { get; } = key;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        ListenAddress.TryParse(value as string, out _)
            ? ValidationResult.Success
            : new ValidationResult($"{Key} must be host:port (e.g. 0.0.0.0:6030), got '{value}'");
}
