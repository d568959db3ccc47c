using Falcon.Shared.Model.Events;

namespace Falcon.Roles.Alarm.Routing;

/// <summary>Narrows who an event reaches before its messages are built (silences drop the recipients who silenced it).</summary>
internal interface IRouteFilter
{
    /// <summary>The route without the recipients this filter drops; in <see cref="RouteMode.PlanOnly"/> it records nothing.</summary>
    ActionRoute Filter(JudgeEvent source, ActionRoute route, RouteMode mode);
}
