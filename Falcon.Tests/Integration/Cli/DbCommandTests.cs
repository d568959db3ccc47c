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
