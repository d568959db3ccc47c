using System.ComponentModel.DataAnnotations;

namespace Falcon.Roles.Agent.Upgrade;

/// <summary>A download URL pattern must name `{version}` or `{binfile}`, or every version would download the same file.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class UrlPatternAttribute(string key) : ValidationAttribute
{
    public string Key { get; } = key;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is string pattern && (pattern.Contains("{version}", StringComparison.Ordinal) || pattern.Contains("{binfile}", StringComparison.Ordinal))
            ? ValidationResult.Success
            : new ValidationResult($"{Key} must contain {{binfile}} or {{version}} (and usually {{wgeturl}}), got '{value}'");
}
