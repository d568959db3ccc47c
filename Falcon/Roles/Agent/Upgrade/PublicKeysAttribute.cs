using System.ComponentModel.DataAnnotations;
using Falcon.Shared.Releases;

namespace Falcon.Roles.Agent.Upgrade;

/// <summary>Every configured release key must read as a P-256 public key, so a typo stops the agent at start, not at the next upgrade.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class PublicKeysAttribute(string key) : ValidationAttribute
{
    public string Key { get; } = key;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not IEnumerable<string> keys)
        {
            return ValidationResult.Success;
        }

        var index = 0;
        foreach (var text in keys)
        {
            try
            {
                using var parsed = ReleaseKey.ParsePublic(text ?? string.Empty);
            }
            catch (FormatException e)
            {
                return new ValidationResult($"{Key}[{index}] is {e.Message}");
            }

            index++;
        }

        return ValidationResult.Success;
    }
}
