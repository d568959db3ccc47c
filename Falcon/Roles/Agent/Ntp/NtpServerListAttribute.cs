using System.ComponentModel.DataAnnotations;

namespace Falcon.Roles.Agent.Ntp;

/// <summary>Validates a list of `host` / `host:port` NTP server entries, naming the first bad one.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class NtpServerListAttribute(string key) : ValidationAttribute
{
    public string Key { get; } = key;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not IEnumerable<string> servers)
        {
            return ValidationResult.Success;
        }

        foreach (var server in servers)
        {
            if (!NtpServerAddress.TryParse(server, out _, out var problem))
            {
                return new ValidationResult($"{Key}: '{server}' {problem}");
            }
        }

        return ValidationResult.Success;
    }
}
