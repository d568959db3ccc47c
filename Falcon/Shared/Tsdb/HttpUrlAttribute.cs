using System.ComponentModel.DataAnnotations;

namespace Falcon.Shared.Tsdb;

/// <summary>Validates an absolute http or https URL, with a message that names the configuration key.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class HttpUrlAttribute(string key) : ValidationAttribute
{
    public string Key { get; } = key;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is string text
        && Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0
            ? ValidationResult.Success
            : new ValidationResult($"{Key} must be an absolute http:// or https:// URL, got '{value}'");
}
