namespace Falcon.Roles.Console.Config;

/// <summary>A configuration value that breaks a rule; <see cref="Field"/> names the form field (JSON property) at fault.</summary>
internal sealed class ConfigValidationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
