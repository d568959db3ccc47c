namespace Falcon.Roles.Alarm.Routing;

/// <summary>Whether a route is worked out to be sent, or only to be shown (the dry run): a plan changes no counters.</summary>
internal enum RouteMode
{
    Send,
    PlanOnly,
}
