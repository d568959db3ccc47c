using Falcon.Tests.Integration.Roles.Alarm.Routing;
using Falcon.Tests.Integration.Shared.Portal;

namespace Falcon.Tests.Integration.Roles.Alarm.DryRun;

/// <summary>
/// uic: ops (alice, bob), sre (carol). falcon_portal: strategy 10 (cpu.idle, P0) in template base, inherited by
/// template web (action 1: ops, group chat chat-ops, a callback, escalation to sre after 30 min); strategy 20
/// (disk.full mount=/, P0) in template quiet (action 2: ops, every switch off); host web-01 in group web, bound to web
/// and quiet; action 3 (ops) for events pushed by hand and expression 30 (net.in iface=eth0 on web-01, P3).
/// </summary>
internal static class DryRunSeed
{
    public const string CallbackUrl = "http://127.0.0.1:9/hook";

    public static async Task ApplyAsync(PortalDatabase db)
    {
        await AlarmIntake.ExecuteAsync(db.Databases.Uic, """
            INSERT INTO team (id, name) VALUES (1, 'ops'), (2, 'sre');
            INSERT INTO `user` (id, name, phone, email, im) VALUES
              (1, 'alice', '13800000001', 'alice@example.com', 'alice.im'),
              (2, 'bob', '13800000002', 'bob@example.com', 'bob.im'),
              (3, 'carol', '13800000003', '', 'carol.im');
            INSERT INTO rel_team_user (tid, uid) VALUES (1, 1), (1, 2), (2, 3);
            """);
        await AlarmIntake.ExecuteAsync(db.Databases.Portal, $"""
            INSERT INTO action (id, uic, url, callback) VALUES (1, 'ops', '{CallbackUrl}', 1), (2, 'ops', '', 0), (3, 'ops', '', 0);
            INSERT INTO action_im_group (action_id, chat) VALUES (1, 'chat-ops'), (2, 'chat-quiet');
            INSERT INTO falcon_action_channel (action_id, phone, im, group_chat) VALUES (2, 0, 0, 0);
            INSERT INTO falcon_action_escalation (action_id, step, after_minutes, uic) VALUES (1, 1, 30, 'sre');
            INSERT INTO tpl (id, tpl_name, parent_id, action_id) VALUES (1, 'base', 0, 0), (2, 'web', 1, 1), (3, 'quiet', 0, 2);
            INSERT INTO strategy (id, metric, tags, func, op, right_value, max_step, priority, note, tpl_id) VALUES
              (10, 'cpu.idle', '', 'all(#3)', '<', '10', 3, 0, 'cpu busy', 1),
              (20, 'disk.full', 'mount=/', 'all(#1)', '>', '90', 3, 0, '', 3);
            INSERT INTO host (id, hostname) VALUES (1, 'web-01'), (2, 'db-01');
            INSERT INTO grp (id, grp_name) VALUES (1, 'web');
            INSERT INTO grp_host (grp_id, host_id) VALUES (1, 1);
            INSERT INTO grp_tpl (grp_id, tpl_id) VALUES (1, 2), (1, 3);
            INSERT INTO expression (id, expression, func, op, right_value, max_step, priority, note, action_id)
              VALUES (30, 'each(metric=net.in endpoint=web-01 iface=eth0)', 'all(#1)', '>', '100', 3, 3, 'busy link', 3);
            """);
    }
}
