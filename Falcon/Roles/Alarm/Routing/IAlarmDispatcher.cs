using Falcon.Roles.Alarm.Channels;

namespace Falcon.Roles.Alarm.Routing;

/// <summary>Hands a rendered message to delivery (the channels); returns once delivery has accepted it durably.</summary>
internal interface IAlarmDispatcher
{
    Task DispatchAsync(AlarmMessage message, CancellationToken cancellationToken);

    /// <summary>Hands over several messages, in order; returns once delivery has accepted all of them durably.</summary>
    async Task DispatchManyAsync(IReadOnlyList<AlarmMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            await DispatchAsync(message, cancellationToken);
        }
    }
}
