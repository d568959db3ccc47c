using Falcon.Roles.Alarm.Routing;
using Falcon.Shared.Model.Events;
using Falcon.Shared.Silences;

namespace Falcon.Roles.Alarm.Silences;

/// <summary>
/// Drops from an event's route the recipients who silenced its endpoint and counter: a user by their uic name or their
/// IM id (a card's link carries the IM id it was sent to), a group chat by its chat value.
/// </summary>
internal sealed class SilencedRecipients(SilenceStore store, SilenceMetrics metrics, TimeProvider timeProvider) : IRouteFilter
{
    public ActionRoute Filter(JudgeEvent source, ActionRoute route, RouteMode mode)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(route);
        if (store.Current.All.Count == 0)
        {
            return route;
        }

        var metric = SilenceLinkDecorator.MetricOf(source);
        var now = timeProvider.GetUtcNow();
        bool Silenced(string who) => who.Length > 0 && store.IsSilenced(who, source.Endpoint, metric, source.PushedTags, now);

        var users = route.Users.Where(u => !Silenced(u.Name) && !Silenced(u.Im)).ToList();
        var groups = route.Groups.Where(g => !Silenced(g)).ToList();
        var suppressed = route.Users.Count - users.Count + route.Groups.Count - groups.Count;
        if (suppressed == 0)
        {
            return route;
        }

        if (mode == RouteMode.PlanOnly)
        {
            return route with { Users = users, Groups = groups };
        }

        for (var i = 0; i < suppressed; i++)
        {
            metrics.Suppressed();
        }

        return route with { Users = users, Groups = groups };
    }
}
