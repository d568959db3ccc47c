using Falcon.Roles.Alarm.Channels;

namespace Falcon.Roles.Alarm.Routing;

/// <summary>Hands a rendered message to delivery (the channels); returns once delivery has accepted it durably.</summary>
internal interface IAlarmDispatcher
{
    Task DispatchAsync(AlarmMessage message, CancellationToken cancellationToken);
}
