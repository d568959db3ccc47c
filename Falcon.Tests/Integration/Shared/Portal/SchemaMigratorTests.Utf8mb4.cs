using Falcon.Roles.Hbs.Agents;
using Falcon.Shared.Portal;
using MySqlConnector;

namespace Falcon.Tests.Integration.Shared.Portal;

// `falcon db migrate --utf8mb4` on databases created with open-falcon's utf8 DDL.
public sealed partial class SchemaMigratorTests
{
    private const string Emoji = "web-\U0001F525-01";

    [Test]
    public async Task ConvertToUtf8mb4_OnOpenFalconsUtf8Tables_KeepsRowsAndKeys_StoresEmojiVerbatim_AndASecondRunIsANoOp()
    {
        var names = NewNames();
        await using var databases = Databases(names);
        var migrator = Migrator(databases);
        await migrator.InitAsync(null, CancellationToken.None);
        var table = new HostTable(databases);
        await table.WriteAsync([Agent("before-\U0001F525")], CancellationToken.None);
        Assert.That(await HostnamesAsync(databases), Is.EqualTo(new[] { "before-\uFFFD" }), "a utf8 host table gets U+FFFD");

        var plan = await migrator.PlanUtf8mb4Async(CancellationToken.None);
        var progress = new ProgressLines();
        var outcome = await migrator.ConvertToUtf8mb4Async(plan, progress, CancellationToken.None);
        var again = await migrator.PlanUtf8mb4Async(CancellationToken.None);
        var second = await migrator.ConvertToUtf8mb4Async(again, null, CancellationToken.None);
        // The writer looks the table's character set up again after a minute; a new HostTable's databases object has no answer cached yet.
        await using var fresh = Databases(names);
        await new HostTable(fresh).WriteAsync([Agent(Emoji)], CancellationToken.None);

        await using var connection = await OpenAsync("");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Tables.Select(t => $"{t.Database}.{t.Table}"), Is.SupersetOf(new[]
            {
                $"{names["falcon_portal"]}.host", $"{names["falcon_portal"]}.cluster", $"{names["falcon_portal"]}.mockcfg",
                $"{names["alarms"]}.event_cases", $"{names["alarms"]}.events", $"{names["uic"]}.user",
            }));
            Assert.That(plan.Tables.Select(t => t.Table).Intersect(["grp_svs", "dynamic_config", "falcon_aggregate", "action_im_group", SchemaMigrator.VersionTable]), Is.Empty,
                "tables Falcon adds are utf8mb4 from the start");
            Assert.That(plan.Defaults.Select(d => d.Database), Is.EquivalentTo(names.Values));
            // Two VARCHAR(10240) take 81,920 bytes at 4 a character, past the 65,535 of a row: one becomes MEDIUMTEXT.
            Assert.That(plan.Tables.Single(t => t.Table == "cluster").ToMediumText.Select(c => c.Name), Is.EqualTo(new[] { "numerator" }));
            Assert.That(plan.Tables.Where(t => t.Table != "cluster").SelectMany(t => t.ToMediumText), Is.Empty);
            Assert.That(await ScalarAsync(connection, "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = @s AND TABLE_NAME = 'cluster' AND COLUMN_NAME = 'numerator'", ("@s", names["falcon_portal"])), Is.EqualTo("mediumtext"));
            Assert.That(await ScalarAsync(connection, "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = @s AND TABLE_NAME = 'mockcfg' AND COLUMN_NAME = 'obj'", ("@s", names["falcon_portal"])), Is.EqualTo("varchar(10240)"));
            Assert.That(outcome.Failed.Select(f => $"{f.Table.Table}: {f.Reason}"), Is.Empty);
            Assert.That(outcome.Converted, Has.Count.EqualTo(plan.Tables.Count));
            // MariaDB cannot change a column's character set under a foreign key: the two on event_cases.id are dropped and added back.
            Assert.That(plan.ForeignKeys.Select(k => $"{k.Key.Table}.{k.Key.Name}"), Is.EquivalentTo(new[] { "events.events_ibfk_1", "event_note.event_note_ibfk_1" }));
            Assert.That(progress.Lines, Does.Contain($"{names["alarms"]}.events: foreign key events_ibfk_1 added back"));
            Assert.That(progress.Lines, Does.Contain($"{names["falcon_portal"]}.host: converted to utf8mb4_unicode_ci"));
            Assert.That(again.IsEmpty, Is.True, "nothing is left to convert");
            Assert.That(second.Converted, Is.Empty);
            foreach (var schema in names.Values)
            {
                var charsets = await ListAsync(connection, "SELECT DISTINCT CHARACTER_SET_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = @s AND CHARACTER_SET_NAME IS NOT NULL", ("@s", schema));
                Assert.That(charsets, Is.EqualTo(new[] { "utf8mb4" }), schema);
            }

            // The collation keeps its flavour, so comparisons and unique keys behave as before.
            Assert.That(await ScalarAsync(connection, "SELECT TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = @s AND TABLE_NAME = 'host'", ("@s", names["falcon_portal"])), Is.EqualTo("utf8mb4_unicode_ci"));
            Assert.That(await ScalarAsync(connection, "SELECT TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = @s AND TABLE_NAME = 'user'", ("@s", names["uic"])), Is.EqualTo("utf8mb4_general_ci"));
            Assert.That(await IndexAsync(connection, names["falcon_portal"], "host", "idx_host_hostname"), Is.EqualTo((true, "hostname")));
            Assert.That(await ListAsync(connection, "SELECT CONSTRAINT_NAME FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = @s", ("@s", names["alarms"])), Has.Count.EqualTo(3));
            Assert.That(await HostnamesAsync(fresh), Is.EqualTo(new[] { "before-\uFFFD", Emoji }));
        }
    }

    [Test]
    public async Task ConvertToUtf8mb4_ACompactTableBecomesDynamic_AndATooWideIndexIsReportedWhileTheOthersAreConverted()
    {
        var names = NewNames();
        await using var databases = Databases(names);
        var migrator = Migrator(databases);
        await migrator.InitAsync(null, CancellationToken.None);
        await using (var connection = await OpenAsync(names["falcon_portal"]))
        {
            // An old installation's table: COMPACT keeps index columns to 767 bytes, and VARCHAR(255) takes 1,020 in utf8mb4.
            await ExecuteAsync(connection, "CREATE TABLE legacy_compact (id INT PRIMARY KEY, name VARCHAR(255) NOT NULL, UNIQUE KEY uk_name (name)) ENGINE=InnoDB ROW_FORMAT=COMPACT DEFAULT CHARSET=utf8");
            // 1,000 characters: 3,000 bytes in utf8 fit the 3,072 of one index, 4,000 in utf8mb4 do not.
            await ExecuteAsync(connection, "CREATE TABLE legacy_wide (id INT PRIMARY KEY, path VARCHAR(1000) NOT NULL, KEY idx_path (path)) ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8");
        }

        var plan = await migrator.PlanUtf8mb4Async(CancellationToken.None);
        var outcome = await migrator.ConvertToUtf8mb4Async(plan, null, CancellationToken.None);
        var left = await migrator.PlanUtf8mb4Async(CancellationToken.None);

        await using var server = await OpenAsync("");
        using (Assert.EnterMultipleScope())
        {
            var compact = plan.Tables.Single(t => t.Table == "legacy_compact");
            Assert.That(compact.ToDynamicRowFormat, Is.True);
            Assert.That(plan.Tables.Single(t => t.Table == "host").ToDynamicRowFormat, Is.False, "MariaDB's default row format is DYNAMIC already");
            Assert.That(plan.Tables.Single(t => t.Table == "legacy_wide").Problem, Does.Contain("idx_path").And.Contain("prefix index"));
            Assert.That(outcome.Failed.Select(f => f.Table.Table), Is.EqualTo(new[] { "legacy_wide" }));
            Assert.That(outcome.Converted.Select(t => t.Table), Does.Contain("legacy_compact").And.Contain("host"));
            Assert.That(await ScalarAsync(server, "SELECT ROW_FORMAT FROM information_schema.TABLES WHERE TABLE_SCHEMA = @s AND TABLE_NAME = 'legacy_compact'", ("@s", names["falcon_portal"])), Is.EqualTo("Dynamic"));
            Assert.That(await ScalarAsync(server, "SELECT TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = @s AND TABLE_NAME = 'legacy_compact'", ("@s", names["falcon_portal"])), Is.EqualTo("utf8mb4_general_ci"));
            Assert.That(left.Tables.Select(t => t.Table), Is.EqualTo(new[] { "legacy_wide" }), "only the refused table is left, as it was");
        }
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> HostnamesAsync(FalconDatabases databases)
    {
        await using var connection = await databases.Portal.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlCommand("SELECT hostname FROM host ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static AgentRecord Agent(string hostname) => new(hostname, "10.0.0.1", "7.0.0", "p", false, DateTimeOffset.UnixEpoch);
}
