using System.Collections.Concurrent;
using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Routing;

namespace Falcon.Tests.Integration.Roles.Alarm.Routing;

/// <summary>Delivery as a list: every message dispatched, in order.</summary>
internal sealed class RecordingDispatcher : IAlarmDispatcher
{
    private readonly ConcurrentQueue<AlarmMessage> _messages = new();

    public IReadOnlyList<AlarmMessage> Messages => [.. _messages];

    public Task DispatchAsync(AlarmMessage message, CancellationToken cancellationToken)
    {
        _messages.Enqueue(message);
        return Task.CompletedTask;
    }
}
