using Falcon.Roles.Alarm.Channels;
using Falcon.Shared.Model.Events;

namespace Falcon.Roles.Alarm.Routing;

/// <summary>The hook that adds to a message before it is dispatched, e.g. the silence links of an IM card (AlarmMessage.Actions).</summary>
internal interface IAlarmMessageDecorator
{
    /// <param name="message">The message about to be dispatched.</param>
    /// <param name="source">The event it is about, or null for messages not tied to one event (callback results).</param>
    AlarmMessage Decorate(AlarmMessage message, JudgeEvent? source);
}
