using Falcon.Tests.Cli;
using MySqlConnector;

namespace Falcon.Tests.Integration.Cli;

[Category("Integration")]
public sealed class DbCommandTests
{
    [Test]
    public async Task DbInit_CreatesTheDatabases_AndASecondRunChangesNothing()
    {
        var server = await TestServers.MariaDbAsync();
        var args = MySqlSettings(server, Guid.NewGuid().ToString("N")[..8]);

        var first = await FalconCliTests.InvokeAsync(["db", "init", .. args]);
        var second = await FalconCliTests.InvokeAsync(["db", "init", .. args]);

        Assert.That(first.Code, Is.Zero, first.Error);
        Assert.That(first.Output, Does.Contain("applied 001_uic").And.Contain("applied 002_falcon_portal").And.Contain("applied 003_alarms"));
        Assert.That(second.Code, Is.Zero, second.Error);
        Assert.That(second.Output, Does.Contain("databases are up to date"));
    }

    [Test]
    public async Task DbMigrateUtf8mb4_SaysWhatItLocksBeforeConverting_AndASecondRunHasNothingToDo()
    {
        var server = await TestServers.MariaDbAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var args = MySqlSettings(server, suffix);
        Assert.That((await FalconCliTests.InvokeAsync(["db", "init", .. args])).Code, Is.Zero);

        var dryRun = await FalconCliTests.InvokeAsync(["db", "migrate", "--utf8mb4", "--dry-run", .. args]);
        var first = await FalconCliTests.InvokeAsync(["db", "migrate", "--utf8mb4", .. args]);
        var second = await FalconCliTests.InvokeAsync(["db", "migrate", "--utf8mb4", .. args]);

        Assert.That(dryRun.Code, Is.Zero, dryRun.Error);
        Assert.That(dryRun.Output, Does.Contain($"portal_{suffix}.host").And.Contain("_unicode_ci -> utf8mb4_unicode_ci").And.Not.Contain(": converted to"));
        Assert.That(first.Code, Is.Zero, first.Error);
        var plan = first.Output.IndexOf("rebuilds its table", StringComparison.Ordinal);
        var converted = first.Output.IndexOf($"portal_{suffix}.host: converted to utf8mb4_unicode_ci", StringComparison.Ordinal);
        Assert.That(plan, Is.GreaterThan(0), first.Output);
        Assert.That(first.Output, Does.Contain("writes to that table"));
        Assert.That(converted, Is.GreaterThan(plan), "the plan and the warning come before the first ALTER");
        Assert.That(first.Output, Does.Contain("0 failed"));
        Assert.That(second.Code, Is.Zero, second.Error);
        Assert.That(second.Output, Does.Contain("nothing to convert"));
    }

    [Test]
    public async Task DbMigrate_OnMissingDatabases_Exits1AndSaysToRunInit()
    {
        var server = await TestServers.MariaDbAsync();

        var (code, _, error) = await FalconCliTests.InvokeAsync(["db", "migrate", .. MySqlSettings(server, Guid.NewGuid().ToString("N")[..8])]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("falcon db init"));
    }

    [Test]
    public async Task DbInit_WithAWrongPassword_Exits1WithoutPrintingThePassword()
    {
        var server = await TestServers.MariaDbAsync();
        var wrong = new MySqlConnectionStringBuilder(server.ConnectionString("uic_x")) { Password = "s3cret-wrong" }.ConnectionString;

        var (code, _, error) = await FalconCliTests.InvokeAsync(["db", "init", .. MySqlSettings(server, "pw"), "--set", $"mysql.uic={wrong}"]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("mysql.uic").And.Not.Contain("s3cret-wrong"));
    }

    [Test]
    public async Task DbInit_WithAConnectionStringWithoutDatabase_NamesTheKey()
    {
        var server = await TestServers.MariaDbAsync();
        var noDatabase = new MySqlConnectionStringBuilder(server.ConnectionString("x")) { Database = string.Empty }.ConnectionString;

        var (code, _, error) = await FalconCliTests.InvokeAsync(["db", "init", .. MySqlSettings(server, "nodb"), "--set", $"mysql.portal={noDatabase}"]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(error.Trim(), Does.StartWith("config: mysql.portal"));
    }

    private static string[] MySqlSettings(Servers.MariaDbServer server, string suffix) =>
    [
        "--set", $"mysql.uic={server.ConnectionString($"uic_{suffix}")}",
        "--set", $"mysql.portal={server.ConnectionString($"portal_{suffix}")}",
        "--set", $"mysql.alarms={server.ConnectionString($"alarms_{suffix}")}",
    ];
}
