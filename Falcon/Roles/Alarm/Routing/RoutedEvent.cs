namespace Falcon.Roles.Alarm.Routing;

/// <summary>One event routed: the action's whole route, the route after the filters (silences), and the plan built from it.</summary>
internal sealed record RoutedEvent(ActionRoute Route, ActionRoute Filtered, RoutePlan Plan);
