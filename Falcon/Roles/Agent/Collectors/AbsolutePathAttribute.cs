using System.ComponentModel.DataAnnotations;

namespace Falcon.Roles.Agent.Collectors;

/// <summary>A path option that must be absolute; the message names the configuration key.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class AbsolutePathAttribute(string key) : ValidationAttribute
{
    public string Key { get; } = key;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is string { Length: > 0 } path && path[0] == '/'
            ? ValidationResult.Success
            : new ValidationResult($"{Key} must be an absolute path, got '{value}'");
}
