using Falcon.Shared.Model.Events;

namespace Falcon.Roles.Alarm.Routing;

/// <summary>Narrows who an event reaches before its messages are built (silences drop the recipients who silenced it).</summary>
internal interface IRouteFilter
{
    ActionRoute Filter(JudgeEvent source, ActionRoute route);
}
