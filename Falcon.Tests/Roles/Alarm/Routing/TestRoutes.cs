using Falcon.Roles.Alarm.Routing;

namespace Falcon.Tests.Roles.Alarm.Routing;

internal static class TestRoutes
{
    public static ActionRoute TwoUsersAndAGroup(bool callback = false) => new(
        1, "", callback, false, false, false, false,
        [new AlarmUser("alice", "13800000001", "alice@example.com", "alice.im"), new AlarmUser("bob", "13800000002", "bob@example.com", "")],
        ["chat-ops"]);
}
