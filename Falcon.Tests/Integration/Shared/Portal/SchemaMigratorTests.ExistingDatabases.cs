using Falcon.Shared.Portal;
using MySqlConnector;

namespace Falcon.Tests.Integration.Shared.Portal;

// Databases that already hold data: open-falcon's own, and Falcon's after a release adds a migration.
public sealed partial class SchemaMigratorTests
{
    [Test]
    public async Task InitAndMigrate_OnAnExistingOpenFalconDatabase_KeepEveryRowAndTakeItOver()
    {
        var names = NewNames();
        await CreateOpenFalconDatabasesAsync(names);
        var before = await RowsAsync(names);
        await using var databases = Databases(names);
        var migrator = Migrator(databases);
        var progress = new ProgressLines();

        var applied = await migrator.InitAsync(progress, CancellationToken.None);
        var afterInit = await RowsAsync(names);
        var appliedByMigrate = await migrator.MigrateAsync(null, CancellationToken.None);
        var afterMigrate = await RowsAsync(names);

        await using var connection = await OpenAsync("");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(before, Has.Count.EqualTo(8), "rows written by the open-falcon DDL");
            Assert.That(afterInit, Is.EqualTo(before));
            Assert.That(afterMigrate, Is.EqualTo(before));
            Assert.That(applied.Select(a => a.Id), Is.EqualTo(new[] { "001_uic", "018_uic_console_audit", "002_falcon_portal", "005_falcon_portal_action_im_group", "008_falcon_portal_fork_hbs", "015_falcon_portal_aggregate", "016_falcon_portal_action_im_group_utf8mb4", "017_falcon_portal_console_config", "003_alarms" }));
            Assert.That(appliedByMigrate, Is.Empty);
            Assert.That(progress.Lines, Does.Contain($"{names["falcon_portal"]}: existing database with 3 tables, bringing it under management"));
            Assert.That(progress.Lines, Has.None.Contains("created database"));
            // The fork's bigint host id is left alone; the missing tables are added beside it.
            var hostId = await ScalarAsync(connection, "SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = @s AND TABLE_NAME = 'host' AND COLUMN_NAME = 'id'", ("@s", names["falcon_portal"]));
            Assert.That(hostId, Is.EqualTo("bigint"));
            Assert.That((await ColumnsAsync(names["falcon_portal"])).Keys, Is.SupersetOf(OpenFalconSchema.Tables["falcon_portal"].Keys));
            Assert.That((await ColumnsAsync(names["alarms"])).Keys, Is.SupersetOf(OpenFalconSchema.Tables["alarms"].Keys));
        }
    }

    [Test]
    public async Task MigrateAsync_AppliesANewMigrationOnce()
    {
        var names = NewNames();
        await using var databases = Databases(names);
        await Migrator(databases).InitAsync(null, CancellationToken.None);
        await using (var connection = await OpenAsync(names["alarms"]))
        {
            await using var insert = new MySqlCommand(
                "INSERT INTO event_cases (id, endpoint, metric, cond, priority, status, timestamp) VALUES ('s_1_x', 'host1', 'cpu.idle', '1 < 2', 0, 'PROBLEM', NOW())",
                connection);
            await insert.ExecuteNonQueryAsync();
        }

        var release = new MigrationCatalog(MigrationCatalog.LoadEmbedded().All.Append(MigrationCatalog.Parse(
            "004_alarms_escalation.sql",
            """
            -- The kind of script a later release adds: a nullable column, its index and a new table.
            ALTER TABLE event_cases ADD COLUMN IF NOT EXISTS `escalated_at` TIMESTAMP NULL DEFAULT NULL;
            CREATE INDEX IF NOT EXISTS idx_event_cases_escalated_at ON event_cases (escalated_at);
            CREATE TABLE IF NOT EXISTS escalation (
              id INT UNSIGNED NOT NULL AUTO_INCREMENT,
              event_caseId VARCHAR(50) NOT NULL,
              user_id INT UNSIGNED NOT NULL,
              PRIMARY KEY (id),
              FOREIGN KEY (user_id) REFERENCES {uic}.`user` (id) ON DELETE CASCADE
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8;
            """)));
        var migrator = Migrator(databases, release);
        var progress = new ProgressLines();

        var first = await migrator.MigrateAsync(progress, CancellationToken.None);
        var second = await migrator.MigrateAsync(null, CancellationToken.None);

        await using var check = await OpenAsync("");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first, Is.EqualTo(new[] { new AppliedMigration(FalconDatabaseKind.Alarms, names["alarms"], "004_alarms_escalation") }));
            Assert.That(second, Is.Empty);
            Assert.That(progress.Lines, Does.Contain($"{names["alarms"]}: applied 004_alarms_escalation"));
            Assert.That(await migrator.GetAppliedAsync(FalconDatabaseKind.Alarms, CancellationToken.None), Is.EqualTo(new[] { "003_alarms", "004_alarms_escalation" }));
            Assert.That(await ColumnAsync("alarms", names["alarms"], "event_cases", "escalated_at"), Is.EqualTo(new ExpectedColumn("alarms", "event_cases", "escalated_at", "timestamp", true, "NULL")));
            Assert.That(await IndexAsync(check, names["alarms"], "event_cases", "idx_event_cases_escalated_at"), Is.EqualTo((false, "escalated_at")));
            Assert.That((await ColumnsAsync(names["alarms"])).Keys, Does.Contain("escalation"));
            Assert.That(await ScalarAsync(check, $"SELECT COUNT(*) FROM `{names["alarms"]}`.event_cases"), Is.EqualTo("1"));
        }
    }

    [Test]
    public async Task AddColumnIfMissingAsync_AddsTheColumnOnceAndSaysWhetherItDid()
    {
        var names = NewNames();
        await using var databases = Databases(names);
        await Migrator(databases).InitAsync(null, CancellationToken.None);
        await using var connection = await OpenAsync(names["falcon_portal"]);

        var first = await IdempotentDdl.AddColumnIfMissingAsync(connection, "action", "lark_group_id", "VARCHAR(64) NULL", CancellationToken.None);
        var second = await IdempotentDdl.AddColumnIfMissingAsync(connection, "action", "lark_group_id", "VARCHAR(64) NULL", CancellationToken.None);
        var index = await IdempotentDdl.AddIndexIfMissingAsync(connection, "action", "idx_action_lark", "(`lark_group_id`)", unique: false, CancellationToken.None);
        var indexAgain = await IdempotentDdl.AddIndexIfMissingAsync(connection, "action", "idx_action_lark", "(`lark_group_id`)", unique: false, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((first, second), Is.EqualTo((true, false)));
            Assert.That((index, indexAgain), Is.EqualTo((true, false)));
            Assert.That(await ColumnAsync("falcon_portal", names["falcon_portal"], "action", "lark_group_id"), Is.EqualTo(new ExpectedColumn("falcon_portal", "action", "lark_group_id", "varchar(64)", true, "NULL")));
        }
    }

    /// <summary>
    /// Databases as open-falcon's own scripts leave them (the fork's bigint host ids and id column on
    /// grp_host included), some tables missing, rows in host, strategy and event_cases, no Falcon table.
    /// </summary>
    private async Task CreateOpenFalconDatabasesAsync(Dictionary<string, string> names)
    {
        await using var connection = await OpenAsync("");
        var script = $"""
            CREATE DATABASE `{names["uic"]}` DEFAULT CHARACTER SET utf8 DEFAULT COLLATE utf8_general_ci;
            CREATE TABLE `{names["uic"]}`.`user` (
              `id` int(10) unsigned NOT NULL AUTO_INCREMENT, `name` varchar(64) NOT NULL, `passwd` varchar(64) not null default '',
              `cnname` varchar(128) not null default '', `email` varchar(255) not null default '', `phone` varchar(16) not null default '',
              `im` varchar(32) not null default '', `qq` varchar(16) not null default '', `role` tinyint not null default 0,
              `creator` int(10) unsigned NOT NULL DEFAULT 0, `created` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
              PRIMARY KEY (`id`), UNIQUE KEY `idx_user_name` (`name`)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8;
            INSERT INTO `{names["uic"]}`.`user` (id, name, passwd, role) VALUES (7, 'root', '900150983cd24fb0d6963f7d28e17f72', 2);

            CREATE DATABASE `{names["falcon_portal"]}` DEFAULT CHARACTER SET utf8 DEFAULT COLLATE utf8_general_ci;
            CREATE TABLE `{names["falcon_portal"]}`.host (
              id BIGINT(10) UNSIGNED NOT NULL AUTO_INCREMENT, hostname VARCHAR(255) NOT NULL DEFAULT '', ip VARCHAR(16) NOT NULL DEFAULT '',
              agent_version VARCHAR(16) NOT NULL DEFAULT '', plugin_version VARCHAR(128) NOT NULL DEFAULT '',
              maintain_begin INT UNSIGNED NOT NULL DEFAULT 0, maintain_end INT UNSIGNED NOT NULL DEFAULT 0,
              update_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP on update CURRENT_TIMESTAMP,
              PRIMARY KEY (id), UNIQUE KEY idx_host_hostname (hostname)
            ) ENGINE =InnoDB DEFAULT CHARSET =utf8 COLLATE =utf8_unicode_ci;
            CREATE TABLE `{names["falcon_portal"]}`.grp_host (
              id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT, grp_id BIGINT(10) UNSIGNED NOT NULL, host_id BIGINT(10) UNSIGNED NOT NULL,
              PRIMARY KEY (id), KEY idx_grp_host_grp_id (grp_id), KEY idx_grp_host_host_id (host_id)
            ) ENGINE =InnoDB DEFAULT CHARSET =utf8 COLLATE =utf8_unicode_ci;
            CREATE TABLE `{names["falcon_portal"]}`.`strategy` (
              `id` INT(10) UNSIGNED NOT NULL AUTO_INCREMENT, `metric` VARCHAR(128) NOT NULL DEFAULT '', `tags` VARCHAR(256) NOT NULL DEFAULT '',
              `max_step` INT(11) NOT NULL DEFAULT '1', `priority` TINYINT(4) NOT NULL DEFAULT '0', `func` VARCHAR(16) NOT NULL DEFAULT 'all(#1)',
              `op` VARCHAR(8) NOT NULL DEFAULT '', `right_value` VARCHAR(64) NOT NULL, `note` VARCHAR(128) NOT NULL DEFAULT '',
              `run_begin` VARCHAR(16) NOT NULL DEFAULT '', `run_end` VARCHAR(16) NOT NULL DEFAULT '', `tpl_id` INT(10) UNSIGNED NOT NULL DEFAULT '0',
              PRIMARY KEY (`id`), KEY `idx_strategy_tpl_id` (`tpl_id`)
            ) ENGINE =InnoDB DEFAULT CHARSET =utf8 COLLATE =utf8_unicode_ci;
            INSERT INTO `{names["falcon_portal"]}`.host (id, hostname, ip, agent_version) VALUES (4294967296, 'web-01', '10.0.0.1', '5.1.2'), (2, 'db-01', '10.0.0.2', '5.1.2');
            INSERT INTO `{names["falcon_portal"]}`.grp_host (grp_id, host_id) VALUES (1, 4294967296);
            INSERT INTO `{names["falcon_portal"]}`.strategy (metric, tags, max_step, priority, func, op, right_value, note, tpl_id)
              VALUES ('cpu.idle', '', 3, 0, 'all(#3)', '<', '5', 'cpu busy', 1);

            CREATE DATABASE `{names["alarms"]}` DEFAULT CHARACTER SET utf8 DEFAULT COLLATE utf8_general_ci;
            CREATE TABLE `{names["alarms"]}`.event_cases (
              id VARCHAR(50), endpoint VARCHAR(100) NOT NULL, metric VARCHAR(200) NOT NULL, func VARCHAR(50), cond VARCHAR(200) NOT NULL,
              note VARCHAR(500), max_step int(10) unsigned, current_step int(10) unsigned, priority INT(6) NOT NULL, status VARCHAR(20) NOT NULL,
              timestamp Timestamp NOT NULL, update_at Timestamp NULL DEFAULT NULL, closed_at Timestamp NULL DEFAULT NULL, closed_note VARCHAR(250),
              user_modified int(10) unsigned, tpl_creator VARCHAR(64), expression_id int(10) unsigned, strategy_id int(10) unsigned,
              template_id int(10) unsigned, process_note MEDIUMINT, process_status VARCHAR(20) DEFAULT 'unresolved',
              PRIMARY KEY (id), INDEX (endpoint, strategy_id, template_id)
            ) ENGINE =InnoDB DEFAULT CHARSET =utf8;
            CREATE TABLE `{names["alarms"]}`.events (
              id MEDIUMINT NOT NULL AUTO_INCREMENT, event_caseId VARCHAR(50), step int(10) unsigned, cond VARCHAR(200) NOT NULL,
              status int(3) unsigned DEFAULT 0, timestamp Timestamp, PRIMARY KEY (id), INDEX(event_caseId),
              FOREIGN KEY (event_caseId) REFERENCES event_cases(id) ON DELETE CASCADE ON UPDATE CASCADE
            ) ENGINE =InnoDB DEFAULT CHARSET =utf8;
            INSERT INTO `{names["alarms"]}`.event_cases (id, endpoint, metric, func, cond, note, max_step, current_step, priority, status, timestamp, strategy_id, template_id)
              VALUES ('s_1_0cc175b9c0f1b6a831c399e269772661', 'web-01', 'cpu.idle', 'all(#3)', '1 < 5', 'cpu busy', 3, 1, 0, 'PROBLEM', '2024-05-01 10:00:00', 1, 1);
            INSERT INTO `{names["alarms"]}`.events (event_caseId, step, cond, status, timestamp)
              VALUES ('s_1_0cc175b9c0f1b6a831c399e269772661', 1, '1 < 5', 0, '2024-05-01 10:00:00');
            """;
        await using var command = new MySqlCommand(script, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every row of the tables <see cref="CreateOpenFalconDatabasesAsync"/> fills, as text.</summary>
    private async Task<List<string>> RowsAsync(Dictionary<string, string> names)
    {
        await using var connection = await OpenAsync("");
        var rows = new List<string>();
        rows.AddRange(await ListAsync(connection, $"SELECT CONCAT_WS('|', id, name, passwd, role) FROM `{names["uic"]}`.`user` ORDER BY id"));
        rows.AddRange(await ListAsync(connection, $"SELECT CONCAT_WS('|', id, hostname, ip, agent_version, update_at) FROM `{names["falcon_portal"]}`.host ORDER BY id"));
        rows.AddRange(await ListAsync(connection, $"SELECT CONCAT_WS('|', id, grp_id, host_id) FROM `{names["falcon_portal"]}`.grp_host ORDER BY id"));
        rows.AddRange(await ListAsync(connection, $"SELECT CONCAT_WS('|', id, metric, func, op, right_value, note, tpl_id) FROM `{names["falcon_portal"]}`.strategy ORDER BY id"));
        rows.AddRange(await ListAsync(connection, $"SELECT CONCAT_WS('|', id, endpoint, metric, cond, status, timestamp, process_status) FROM `{names["alarms"]}`.event_cases ORDER BY id"));
        rows.AddRange(await ListAsync(connection, $"SELECT CONCAT_WS('|', id, event_caseId, step, status, timestamp) FROM `{names["alarms"]}`.events ORDER BY id"));
        rows.Add($"tables: {await ScalarAsync(connection, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA IN (@u, @p, @a) AND TABLE_NAME IN ('user', 'host', 'grp_host', 'strategy', 'event_cases', 'events')", ("@u", names["uic"]), ("@p", names["falcon_portal"]), ("@a", names["alarms"]))}");
        return rows;
    }
}
