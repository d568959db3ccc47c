using Falcon.Roles.Alarm.Consumption;

namespace Falcon.Roles.Alarm.Routing;

/// <summary>
/// Who an event reaches and on which channels: the action's recipients (cached MySQL lookups), the filters (silences),
/// then the channel rules. The one code path for events from judge, escalations and the dry run; only what the caller
/// does with the plan differs (the dry run describes it and sends nothing).
/// </summary>
internal sealed class EventRouting(RecipientDirectory directory, EventRouter router, IEnumerable<IRouteFilter> filters)
{
    private readonly IRouteFilter[] _filters = [.. filters];

    /// <summary>The routed event, or null when its action does not exist.</summary>
    public async Task<RoutedEvent?> RouteAsync(ConsumedEvent consumed, RouteMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumed);
        var route = await directory.GetAsync(consumed.Event.ActionId, cancellationToken, fresh: mode == RouteMode.PlanOnly);
        return route is null ? null : Route(consumed, route, mode);
    }

    /// <summary>Routes an event over a route the caller has (an escalation step's users in its action's route).</summary>
    public RoutedEvent Route(ConsumedEvent consumed, ActionRoute route, RouteMode mode, EscalationNotice? escalation = null)
    {
        ArgumentNullException.ThrowIfNull(consumed);
        ArgumentNullException.ThrowIfNull(route);
        var filtered = route;
        foreach (var filter in _filters)
        {
            filtered = filter.Filter(consumed.Event, filtered, mode);
        }

        return new RoutedEvent(route, filtered, router.Plan(consumed, filtered, escalation));
    }

    /// <summary>The action's route (cached), or null when the action does not exist.</summary>
    public Task<ActionRoute?> ActionAsync(long actionId, CancellationToken cancellationToken) => directory.GetAsync(actionId, cancellationToken);
}
