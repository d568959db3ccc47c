using Falcon.Shared.Portal;
using Falcon.Tests.Integration.Servers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace Falcon.Tests.Integration.Shared.Portal;

[Category("Integration")]
public sealed partial class SchemaMigratorTests
{
    private MariaDbServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        _server = await TestServers.MariaDbAsync();
    }

    private static readonly string[] AuditColumns = ["id", "at", "actor", "action", "kind", "object", "old_value", "new_value", "summary"];

    [Test]
    public async Task InitAsync_CreatesEveryTableAndColumnOfTheOpenFalconSchemas()
    {
        var names = NewNames();
        await using var databases = Databases(names);
        var progress = new ProgressLines();

        var applied = await Migrator(databases).InitAsync(progress, CancellationToken.None);

        Assert.That(applied.Select(a => a.Id), Is.EqualTo(new[] { "001_uic", "018_uic_console_audit", "002_falcon_portal", "005_falcon_portal_action_im_group", "008_falcon_portal_fork_hbs", "015_falcon_portal_aggregate", "016_falcon_portal_action_im_group_utf8mb4", "017_falcon_portal_console_config", "003_alarms" }));
        Assert.That(progress.Lines, Is.SupersetOf(new[]
        {
            $"{names["uic"]}: created database",
            $"{names["uic"]}: applied 001_uic",
            $"{names["uic"]}: applied 018_uic_console_audit",
            $"{names["falcon_portal"]}: applied 002_falcon_portal",
            $"{names["falcon_portal"]}: applied 005_falcon_portal_action_im_group",
            $"{names["falcon_portal"]}: applied 008_falcon_portal_fork_hbs",
            $"{names["falcon_portal"]}: applied 015_falcon_portal_aggregate",
            $"{names["falcon_portal"]}: applied 016_falcon_portal_action_im_group_utf8mb4",
            $"{names["falcon_portal"]}: applied 017_falcon_portal_console_config",
            $"{names["alarms"]}: applied 003_alarms",
        }));
        foreach (var (schema, tables) in OpenFalconSchema.Tables)
        {
            var actual = await ColumnsAsync(names[schema]);
            var expected = tables.ToDictionary(t => t.Key, t => t.Value);
            expected[SchemaMigrator.VersionTable] = ["id", "applied_at", "falcon_version"];
            if (schema == "falcon_portal")
            {
                // Falcon's addition (005): IM group chats of an action.
                expected["action_im_group"] = ["id", "action_id", "chat"];

                // The fork's hbs tables (008), and its strategy.union_strategy_id.
                expected["grp_svs"] = ["id", "grp_id", "svs_name"];
                expected["dynamic_config"] = ["id", "endpoint", "metrics", "tag", "intervals", "status"];
                expected["union_strategy"] = ["id", "strategy_ids"];
                expected["strategy"] = [.. expected["strategy"], "union_strategy_id"];

                // Falcon's addition (015): the aggregator's own aggregates.
                expected["falcon_aggregate"] = ["id", "name", "target_kind", "target", "counter", "methods", "endpoint", "metric", "tags", "step", "series_step", "enabled", "creator", "last_update"];

                // Falcon's additions (017): the console's audit, group tags, action escalation and channel switches.
                expected["falcon_audit"] = AuditColumns;
                expected["falcon_grp_tag"] = ["id", "grp_id", "tag"];
                expected["falcon_action_escalation"] = ["id", "action_id", "step", "after_minutes", "uic"];
                expected["falcon_action_channel"] = ["action_id", "phone", "im", "group_chat"];
            }

            if (schema == "uic")
            {
                expected["falcon_audit"] = AuditColumns; // Falcon's addition (018)
            }

            Assert.That(actual, Is.EquivalentTo(expected), $"tables and columns of {schema}");
        }
    }

    [Test]
    public async Task InitAsync_GivesColumnsTheirOpenFalconTypesAndDefaults()
    {
        var names = NewNames();
        await using var databases = Databases(names);
        await Migrator(databases).InitAsync(null, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            foreach (var expected in OpenFalconSchema.Columns)
            {
                var actual = await ColumnAsync(expected.Database, names[expected.Database], expected.Table, expected.Column);
                Assert.That(actual, Is.EqualTo(expected), $"{expected.Database}.{expected.Table}.{expected.Column}");
            }
        }
    }

    [Test]
    public async Task InitAsync_CreatesTheOpenFalconKeysCharsetsAndForeignKeys()
    {
        var names = NewNames();
        await using var databases = Databases(names);
        await Migrator(databases).InitAsync(null, CancellationToken.None);

        await using var connection = await OpenAsync("");
        using (Assert.EnterMultipleScope())
        {
            foreach (var key in OpenFalconSchema.Keys)
            {
                var actual = await IndexAsync(connection, names[key.Database], key.Table, key.Index);
                Assert.That(actual, Is.EqualTo((key.Unique, key.Columns)), $"{key.Database}.{key.Table} key {key.Index}");
            }

            foreach (var table in OpenFalconSchema.TablesWithoutPrimaryKey)
            {
                var actual = await IndexAsync(connection, names["falcon_portal"], table, "PRIMARY");
                Assert.That(actual, Is.Null, $"{table} has no primary key upstream");
            }

            foreach (var (schema, collation) in new[] { ("uic", "general_ci"), ("falcon_portal", "unicode_ci"), ("alarms", "general_ci") })
            {
                var charset = await ScalarAsync(connection, "SELECT DEFAULT_CHARACTER_SET_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = @s", ("@s", names[schema]));
                Assert.That(charset, Is.AnyOf("utf8", "utf8mb3"), $"{schema} character set");
                // The tables Falcon creates (the fork's, the aggregator's, action_im_group, falcon_schema_version) are
                // utf8mb4; every open-falcon table keeps its charset.
                var collations = await ListAsync(connection, "SELECT DISTINCT TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = @s AND TABLE_NAME NOT IN ('grp_svs', 'dynamic_config', 'union_strategy', 'falcon_aggregate', 'action_im_group', 'falcon_schema_version', 'falcon_audit', 'falcon_grp_tag', 'falcon_action_escalation', 'falcon_action_channel')", ("@s", names[schema]));
                var forkCollations = await ListAsync(connection, "SELECT DISTINCT TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = @s AND TABLE_NAME IN ('grp_svs', 'dynamic_config', 'union_strategy', 'falcon_aggregate', 'action_im_group', 'falcon_schema_version', 'falcon_audit', 'falcon_grp_tag', 'falcon_action_escalation', 'falcon_action_channel')", ("@s", names[schema]));
                Assert.That(forkCollations, Is.Not.Empty.And.SubsetOf(new[] { "utf8mb4_unicode_ci" }), $"{schema} tables Falcon adds");
                Assert.That(collations, Is.SubsetOf(new[] { "utf8_" + collation, "utf8mb3_" + collation, "utf8_general_ci", "utf8mb3_general_ci" }), $"{schema} tables");
                if (schema != "falcon_portal")
                {
                    continue;
                }

                var openFalconTables = await ListAsync(
                    connection,
                    "SELECT DISTINCT TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = @s AND TABLE_NAME <> @v AND TABLE_NAME NOT IN ('grp_svs', 'dynamic_config', 'union_strategy', 'falcon_aggregate', 'action_im_group', 'falcon_schema_version', 'falcon_audit', 'falcon_grp_tag', 'falcon_action_escalation', 'falcon_action_channel')",
                    ("@s", names[schema]),
                    ("@v", SchemaMigrator.VersionTable));
                Assert.That(openFalconTables, Is.SubsetOf(new[] { "utf8_unicode_ci", "utf8mb3_unicode_ci" }), "falcon_portal tables use utf8_unicode_ci");
            }

            var foreignKeys = await ListAsync(
                connection,
                """
                SELECT CONCAT(k.TABLE_NAME, '.', k.COLUMN_NAME, '->', k.REFERENCED_TABLE_SCHEMA, '.', k.REFERENCED_TABLE_NAME, '.',
                              k.REFERENCED_COLUMN_NAME, ' ', r.DELETE_RULE, '/', r.UPDATE_RULE)
                FROM information_schema.KEY_COLUMN_USAGE k
                JOIN information_schema.REFERENTIAL_CONSTRAINTS r
                  ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
                WHERE k.TABLE_SCHEMA = @s AND k.REFERENCED_TABLE_NAME IS NOT NULL
                """,
                ("@s", names["alarms"]));
            Assert.That(foreignKeys, Is.EquivalentTo(new[]
            {
                $"events.event_caseId->{names["alarms"]}.event_cases.id CASCADE/CASCADE",
                $"event_note.event_caseId->{names["alarms"]}.event_cases.id CASCADE/CASCADE",
                $"event_note.user_id->{names["uic"]}.user.id CASCADE/CASCADE",
            }));
        }
    }

    [Test]
    public async Task InitAsync_RunTwice_ChangesNothing()
    {
        var names = NewNames();
        await using var databases = Databases(names);
        var migrator = Migrator(databases);
        await migrator.InitAsync(null, CancellationToken.None);
        var before = await VersionRowsAsync(names);
        var progress = new ProgressLines();

        var applied = await migrator.InitAsync(progress, CancellationToken.None);

        var after = await VersionRowsAsync(names);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(applied, Is.Empty);
            Assert.That(after, Is.EqualTo(before));
            // Each database reports every migration of the embedded catalog as applied (the count grows as migrations are added).
            var catalog = MigrationCatalog.LoadEmbedded();
            string UpToDate(string name, FalconDatabaseKind kind) => $"{names[name]}: up to date ({catalog.For(kind).Count()} migrations applied)";
            Assert.That(progress.Lines, Is.EqualTo(new[]
            {
                UpToDate("uic", FalconDatabaseKind.Uic),
                UpToDate("falcon_portal", FalconDatabaseKind.Portal),
                UpToDate("alarms", FalconDatabaseKind.Alarms),
            }));
        }
    }

    [Test]
    public async Task InitAsync_RunByTwoProcessesAtOnce_AppliesEachMigrationOnce()
    {
        var names = NewNames();
        await using var first = Databases(names);
        await using var second = Databases(names);

        var results = await Task.WhenAll(
            Migrator(first).InitAsync(null, CancellationToken.None),
            Migrator(second).InitAsync(null, CancellationToken.None));

        Assert.That(results.SelectMany(r => r).Select(a => a.Id), Is.EquivalentTo(new[] { "001_uic", "018_uic_console_audit", "002_falcon_portal", "005_falcon_portal_action_im_group", "008_falcon_portal_fork_hbs", "015_falcon_portal_aggregate", "016_falcon_portal_action_im_group_utf8mb4", "017_falcon_portal_console_config", "003_alarms" }));
        Assert.That(await VersionRowsAsync(names), Has.Count.EqualTo(9));
    }

    [Test]
    public async Task MigrateAsync_WhenTheDatabaseDoesNotExist_SaysToRunInit()
    {
        var names = NewNames();
        await using var databases = Databases(names);

        var error = Assert.ThrowsAsync<SchemaMigrationException>(() => Migrator(databases).MigrateAsync(null, CancellationToken.None));

        Assert.That(error!.Message, Does.StartWith($"{names["uic"]}: ").And.Contain("falcon db init"));
    }

    [Test]
    public async Task InitAsync_WithBadCredentials_NamesTheDatabaseAndTheKey()
    {
        var names = NewNames();
        var wrongUser = new MySqlConnectionStringBuilder(_server.ConnectionString(names["uic"])) { UserID = "nobody", Password = "wrong" };
        await using var databases = Databases(names, uic: wrongUser.ConnectionString);

        var error = Assert.ThrowsAsync<SchemaMigrationException>(() => Migrator(databases).InitAsync(null, CancellationToken.None));

        Assert.That(error!.Message, Does.StartWith($"{names["uic"]}: cannot connect to 127.0.0.1:{_server.Port} as 'nobody' (mysql.uic): ")
            .And.Contain("Access denied")
            .And.Not.Contain("wrong"));
    }

    private static Dictionary<string, string> NewNames()
    {
        // Each test works in databases of its own, so tests never see each other's tables.
        var id = "t" + Guid.NewGuid().ToString("N")[..10];
        return new Dictionary<string, string>
        {
            ["uic"] = id + "_uic",
            ["falcon_portal"] = id + "_portal",
            ["alarms"] = id + "_alarms",
        };
    }

    private FalconDatabases Databases(Dictionary<string, string> names, string? uic = null) =>
        new(
            Options.Create(new MySqlOptions
            {
                Uic = uic ?? _server.ConnectionString(names["uic"]),
                Portal = _server.ConnectionString(names["falcon_portal"]),
                Alarms = _server.ConnectionString(names["alarms"]),
            }),
            NullLoggerFactory.Instance);

    private static SchemaMigrator Migrator(FalconDatabases databases, MigrationCatalog? catalog = null) =>
        new(databases, NullLogger<SchemaMigrator>.Instance, TimeProvider.System, catalog ?? MigrationCatalog.LoadEmbedded());
}
