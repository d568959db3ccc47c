using Falcon.Shared.Portal;

namespace Falcon.Tests.Shared.Portal;

public sealed class MigrationCatalogTests
{
    [Test]
    public void LoadEmbedded_FindsTheBaselineOfEachDatabaseInOrder()
    {
        var catalog = MigrationCatalog.LoadEmbedded();

        Assert.That(
            catalog.All.Take(3).Select(m => (m.Id, m.Number, m.Database)),
            Is.EqualTo(new[]
            {
                ("001_uic", 1, FalconDatabaseKind.Uic),
                ("002_falcon_portal", 2, FalconDatabaseKind.Portal),
                ("003_alarms", 3, FalconDatabaseKind.Alarms),
            }));
    }

    [Test]
    public void LoadEmbedded_BaselinesOnlyCreateTablesThatAreMissing()
    {
        var statements = MigrationCatalog.LoadEmbedded().All.Take(3).SelectMany(m => m.Statements).ToList();

        Assert.That(statements, Has.Count.EqualTo(4 + 12 + 3));
        Assert.That(statements, Has.All.StartWith("CREATE TABLE IF NOT EXISTS `"));
    }

    [Test]
    public void LoadEmbedded_AlarmsReferencesUicThroughThePlaceholder()
    {
        var alarms = MigrationCatalog.LoadEmbedded().For(FalconDatabaseKind.Alarms).First();

        Assert.That(alarms.Statements[^1], Does.Contain("REFERENCES {uic}.`user` (`id`)"));
    }

    [TestCase("004_alarms.sql", 4, "Alarms")]
    [TestCase("010_falcon_portal_upgrade_slots.sql", 10, "Portal")]
    [TestCase("011_uic_lark.sql", 11, "Uic")]
    public void Parse_ReadsNumberAndDatabaseFromTheFileName(string fileName, int number, string database)
    {
        var migration = MigrationCatalog.Parse(fileName, "SELECT 1;");

        Assert.That((migration.Id, migration.Number, migration.Database.ToString()), Is.EqualTo((fileName[..^4], number, database)));
    }

    [TestCase("alarms.sql")]
    [TestCase("x4_alarms.sql")]
    [TestCase("004_dashboard.sql")]
    [TestCase("004_alarmsx.sql")]
    public void Parse_RejectsNamesWithoutNumberOrDatabase(string fileName)
    {
        Assert.That(() => MigrationCatalog.Parse(fileName, "SELECT 1"), Throws.TypeOf<FormatException>().With.Message.Contains(fileName));
    }

    [TestCase("ALTER TABLE t ADD COLUMN IF NOT EXISTS a INT, ADD COLUMN IF NOT EXISTS b INT")]
    [TestCase("ALTER TABLE t DROP COLUMN IF EXISTS a")]
    [TestCase("ALTER TABLE t ADD INDEX IF NOT EXISTS i (a)")]
    [TestCase("DROP INDEX IF EXISTS i ON t")]
    public void Parse_RejectsMariaDbOnlyForms(string statement)
    {
        Assert.That(() => MigrationCatalog.Parse("004_alarms.sql", statement), Throws.TypeOf<FormatException>().With.Message.Contains("004_alarms.sql"));
    }

    [TestCase("ALTER TABLE `event_cases` ADD COLUMN IF NOT EXISTS `x` INT NULL")]
    [TestCase("ALTER TABLE event_cases ADD IF NOT EXISTS x VARCHAR(10) NOT NULL DEFAULT 'a, b'")]
    [TestCase("CREATE UNIQUE INDEX IF NOT EXISTS i ON t (a, b)")]
    [TestCase("CREATE TABLE IF NOT EXISTS t (a INT)")]
    public void Parse_AcceptsTheFormsItTranslates(string statement)
    {
        Assert.That(() => MigrationCatalog.Parse("004_alarms.sql", statement), Throws.Nothing);
    }

    [Test]
    public void Constructor_RejectsTwoScriptsWithOneNumber()
    {
        var migrations = new[] { MigrationCatalog.Parse("004_alarms.sql", ""), MigrationCatalog.Parse("004_uic.sql", "") };

        Assert.That(() => new MigrationCatalog(migrations), Throws.InvalidOperationException.With.Message.Contains("004_alarms and 004_uic"));
    }
}
