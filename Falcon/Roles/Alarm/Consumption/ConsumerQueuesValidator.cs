using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Consumption;

/// <summary>What the attributes cannot say about alarm.consumer: the queue lists and how the timings relate.</summary>
internal sealed class ConsumerQueuesValidator : IValidateOptions<ConsumerOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsumerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var queues = options.EffectiveHighQueues.Concat(options.EffectiveLowQueues).ToList();
        if (queues.Any(string.IsNullOrWhiteSpace))
        {
            return ValidateOptionsResult.Fail("alarm.consumer.highQueues and alarm.consumer.lowQueues must not contain an empty queue name");
        }

        var duplicate = queues.GroupBy(static q => q, StringComparer.Ordinal).FirstOrDefault(static g => g.Count() > 1);
        if (duplicate is not null)
        {
            return ValidateOptionsResult.Fail($"alarm.consumer: queue '{duplicate.Key}' is listed twice in highQueues/lowQueues");
        }

        if (options.InstanceId.Contains('{', StringComparison.Ordinal) || options.InstanceId.Contains('}', StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Fail("alarm.consumer.instanceId must not contain '{' or '}' (it is part of Redis keys with hash tags)");
        }

        if (options.HeartbeatTimeout <= options.HeartbeatInterval * 2)
        {
            return ValidateOptionsResult.Fail(
                $"alarm.consumer.heartbeatTimeout ({options.HeartbeatTimeout}) must be more than twice alarm.consumer.heartbeatInterval ({options.HeartbeatInterval}), or live instances are taken over");
        }

        return ValidateOptionsResult.Success;
    }
}
