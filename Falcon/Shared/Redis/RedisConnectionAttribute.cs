using System.ComponentModel.DataAnnotations;
using StackExchange.Redis;

namespace Falcon.Shared.Redis;

/// <summary>Validates `redis.connection` as a StackExchange.Redis configuration string with at least one endpoint.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class RedisConnectionAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        try
        {
            var options = ConfigurationOptions.Parse(value as string ?? string.Empty);
            return options.EndPoints.Count > 0
                ? ValidationResult.Success
                : new ValidationResult("redis.connection names no server (e.g. 127.0.0.1:6379)");
        }
        catch (ArgumentException e)
        {
            return new ValidationResult($"redis.connection is not a valid configuration string: {e.Message}");
        }
    }
}
