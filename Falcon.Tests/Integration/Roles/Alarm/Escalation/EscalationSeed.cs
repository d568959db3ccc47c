using System.Globalization;
using Falcon.Tests.Integration.Roles.Alarm.Routing;
using Falcon.Tests.Integration.Shared.Portal;

namespace Falcon.Tests.Integration.Roles.Alarm.Escalation;

/// <summary>
/// uic: ops (alice), sre (carol, dave). falcon_portal: template 7 with action 1 (ops), which escalates to sre after
/// 30 minutes. Cases are written straight into alarms.event_cases, in the state a test needs.
/// </summary>
internal static class EscalationSeed
{
    public static async Task ApplyAsync(PortalDatabase db)
    {
        await AlarmIntake.ExecuteAsync(db.Databases.Uic, """
            INSERT INTO team (id, name) VALUES (1, 'ops'), (2, 'sre');
            INSERT INTO `user` (id, name, phone, email, im) VALUES
              (1, 'alice', '', '', 'alice.im'), (2, 'carol', '', '', 'carol.im'), (3, 'dave', '', '', 'dave.im');
            INSERT INTO rel_team_user (tid, uid) VALUES (1, 1), (2, 2), (2, 3);
            """);
        await AlarmIntake.ExecuteAsync(db.Databases.Portal, """
            INSERT INTO action (id, uic, url, callback) VALUES (1, 'ops', '', 0);
            INSERT INTO falcon_action_escalation (action_id, step, after_minutes, uic) VALUES (1, 1, 30, 'sre');
            INSERT INTO tpl (id, tpl_name, action_id) VALUES (7, 'web', 1);
            """);
    }

    /// <summary>A case of strategy 12 (template 7) on <paramref name="endpoint"/> that began <paramref name="minutesAgo"/> minutes ago.</summary>
    public static Task CaseAsync(PortalDatabase db, string id, string endpoint, double minutesAgo, string status = "PROBLEM", string processStatus = "unresolved")
    {
        var began = DateTimeOffset.UtcNow.AddMinutes(-minutesAgo).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return AlarmIntake.ExecuteAsync(db.Databases.Alarms, $"""
            INSERT INTO event_cases (id, endpoint, metric, func, cond, note, max_step, current_step, priority, status, `timestamp`, update_at,
              tpl_creator, expression_id, strategy_id, template_id, process_status)
            VALUES ('{id}', '{endpoint}', 'cpu.idle', 'all(#3)', '5.5 < 10', 'cpu busy', 3, 3, 0, '{status}', FROM_UNIXTIME({began}),
              FROM_UNIXTIME({began}), 'alice', 0, 12, 7, '{processStatus}')
            """);
    }
}
