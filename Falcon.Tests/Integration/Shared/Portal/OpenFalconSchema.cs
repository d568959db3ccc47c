namespace Falcon.Tests.Integration.Shared.Portal;

/// <summary>The uic, falcon_portal and alarms schemas as open-falcon's DDL defines them (docs/schema.md).</summary>
internal static class OpenFalconSchema
{
    /// <summary>Column names of every table, by open-falcon database name, in table order.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string[]>> Tables =
        new Dictionary<string, IReadOnlyDictionary<string, string[]>>
        {
            ["uic"] = new Dictionary<string, string[]>
            {
                ["team"] = ["id", "name", "resume", "creator", "created"],
                ["user"] = ["id", "name", "passwd", "cnname", "email", "phone", "im", "qq", "role", "creator", "created"],
                ["rel_team_user"] = ["id", "tid", "uid"],
                ["session"] = ["id", "uid", "sig", "expired"],
            },
            ["falcon_portal"] = new Dictionary<string, string[]>
            {
                ["host"] = ["id", "hostname", "ip", "agent_version", "plugin_version", "maintain_begin", "maintain_end", "update_at"],
                ["grp"] = ["id", "grp_name", "create_user", "create_at", "come_from"],
                ["grp_host"] = ["grp_id", "host_id"],
                ["tpl"] = ["id", "tpl_name", "parent_id", "action_id", "create_user", "create_at"],
                ["strategy"] = ["id", "metric", "tags", "max_step", "priority", "func", "op", "right_value", "note", "run_begin", "run_end", "tpl_id"],
                ["expression"] = ["id", "expression", "func", "op", "right_value", "max_step", "priority", "note", "action_id", "create_user", "pause"],
                ["grp_tpl"] = ["grp_id", "tpl_id", "bind_user"],
                ["plugin_dir"] = ["id", "grp_id", "dir", "create_user", "create_at"],
                ["action"] = ["id", "uic", "url", "callback", "before_callback_sms", "before_callback_mail", "after_callback_sms", "after_callback_mail"],
                ["mockcfg"] = ["id", "name", "obj", "obj_type", "metric", "tags", "dstype", "step", "mock", "creator", "t_create", "t_modify"],
                ["cluster"] = ["id", "grp_id", "numerator", "denominator", "endpoint", "metric", "tags", "ds_type", "step", "last_update", "creator"],
                ["alert_link"] = ["id", "path", "content", "create_at"],
            },
            ["alarms"] = new Dictionary<string, string[]>
            {
                ["event_cases"] =
                [
                    "id", "endpoint", "metric", "func", "cond", "note", "max_step", "current_step", "priority", "status",
                    "timestamp", "update_at", "closed_at", "closed_note", "user_modified", "tpl_creator", "expression_id",
                    "strategy_id", "template_id", "process_note", "process_status",
                ],
                ["events"] = ["id", "event_caseId", "step", "cond", "status", "timestamp"],
                ["event_note"] = ["id", "event_caseId", "note", "case_id", "status", "timestamp", "user_id"],
            },
        };

    /// <summary>
    /// Column spot checks: type with integer display widths dropped (except tinyint(1)), nullability,
    /// and default ("NULL" for DEFAULT NULL, null for no default).
    /// </summary>
    public static readonly ExpectedColumn[] Columns =
    [
        new("uic", "user", "role", "tinyint", false, "0"),
        new("uic", "user", "passwd", "varchar(64)", false, ""),
        new("uic", "team", "created", "timestamp", false, "current_timestamp"),
        new("uic", "session", "sig", "varchar(32)", false, null),
        new("falcon_portal", "host", "id", "int unsigned", false, null),
        new("falcon_portal", "host", "hostname", "varchar(255)", false, ""),
        new("falcon_portal", "host", "ip", "varchar(16)", false, ""),
        new("falcon_portal", "host", "maintain_begin", "int unsigned", false, "0"),
        new("falcon_portal", "host", "update_at", "timestamp", false, "current_timestamp"),
        new("falcon_portal", "grp", "come_from", "tinyint", false, "0"),
        new("falcon_portal", "grp_host", "host_id", "int unsigned", false, null),
        new("falcon_portal", "strategy", "func", "varchar(16)", false, "all(#1)"),
        new("falcon_portal", "strategy", "right_value", "varchar(64)", false, null),
        new("falcon_portal", "strategy", "max_step", "int", false, "1"),
        new("falcon_portal", "strategy", "tags", "varchar(256)", false, ""),
        new("falcon_portal", "expression", "expression", "varchar(1024)", false, null),
        new("falcon_portal", "expression", "right_value", "varchar(16)", false, ""),
        new("falcon_portal", "expression", "pause", "tinyint(1)", false, "0"),
        new("falcon_portal", "action", "after_callback_mail", "tinyint", false, "0"),
        new("falcon_portal", "mockcfg", "id", "bigint unsigned", false, null),
        new("falcon_portal", "mockcfg", "obj", "varchar(10240)", false, ""),
        new("falcon_portal", "mockcfg", "dstype", "varchar(32)", false, "GAUGE"),
        new("falcon_portal", "mockcfg", "step", "int unsigned", false, "60"),
        new("falcon_portal", "mockcfg", "mock", "double", false, "0"),
        new("falcon_portal", "mockcfg", "t_create", "datetime", false, null),
        new("falcon_portal", "cluster", "grp_id", "int", false, null),
        new("falcon_portal", "alert_link", "content", "mediumtext", false, null),
        new("alarms", "event_cases", "id", "varchar(50)", false, null),
        new("alarms", "event_cases", "endpoint", "varchar(100)", false, null),
        new("alarms", "event_cases", "metric", "varchar(200)", false, null),
        new("alarms", "event_cases", "priority", "int", false, null),
        new("alarms", "event_cases", "update_at", "timestamp", true, "NULL"),
        new("alarms", "event_cases", "closed_at", "timestamp", true, "NULL"),
        new("alarms", "event_cases", "process_note", "mediumint", true, "NULL"),
        new("alarms", "event_cases", "process_status", "varchar(20)", true, "unresolved"),
        new("alarms", "events", "id", "int", false, null),
        new("alarms", "events", "status", "int unsigned", true, "0"),
        new("alarms", "event_note", "id", "mediumint", false, null),
        new("alarms", "event_note", "user_id", "int unsigned", true, "NULL"),
    ];

    /// <summary>Named keys: (database, table, index, unique, columns in order).</summary>
    public static readonly (string Database, string Table, string Index, bool Unique, string Columns)[] Keys =
    [
        ("uic", "team", "idx_team_name", true, "name"),
        ("uic", "user", "idx_user_name", true, "name"),
        ("uic", "rel_team_user", "idx_rel_tid", false, "tid"),
        ("uic", "rel_team_user", "idx_rel_uid", false, "uid"),
        ("uic", "session", "idx_session_uid", false, "uid"),
        ("uic", "session", "idx_session_sig", false, "sig"),
        ("falcon_portal", "host", "idx_host_hostname", true, "hostname"),
        ("falcon_portal", "grp", "idx_host_grp_grp_name", true, "grp_name"),
        ("falcon_portal", "grp_host", "idx_grp_host_grp_id", false, "grp_id"),
        ("falcon_portal", "grp_host", "idx_grp_host_host_id", false, "host_id"),
        ("falcon_portal", "tpl", "idx_tpl_name", true, "tpl_name"),
        ("falcon_portal", "tpl", "idx_tpl_create_user", false, "create_user"),
        ("falcon_portal", "strategy", "idx_strategy_tpl_id", false, "tpl_id"),
        ("falcon_portal", "grp_tpl", "idx_grp_tpl_grp_id", false, "grp_id"),
        ("falcon_portal", "grp_tpl", "idx_grp_tpl_tpl_id", false, "tpl_id"),
        ("falcon_portal", "plugin_dir", "idx_plugin_dir_grp_id", false, "grp_id"),
        ("falcon_portal", "mockcfg", "uniq_name", true, "name"),
        ("falcon_portal", "alert_link", "alert_path", true, "path"),
        ("alarms", "event_cases", "PRIMARY", true, "id"),
        ("alarms", "event_cases", "endpoint", false, "endpoint,strategy_id,template_id"),
        ("alarms", "events", "event_caseId", false, "event_caseId"),
        ("alarms", "event_note", "event_caseId", false, "event_caseId"),
    ];

    /// <summary>Tables that upstream leaves without a primary key.</summary>
    public static readonly string[] TablesWithoutPrimaryKey = ["grp_host", "grp_tpl"];
}
