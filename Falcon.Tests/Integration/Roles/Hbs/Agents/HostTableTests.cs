using Falcon.Roles.Hbs;
using Falcon.Roles.Hbs.Agents;
using Falcon.Shared.Portal;
using Falcon.Tests.Integration.Shared.Portal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace Falcon.Tests.Integration.Roles.Hbs.Agents;

[Category("Integration")]
public sealed class HostTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task WriteAsync_InsertsNewHostsWithTheirFields()
    {
        await using var db = await PortalDatabase.CreateAsync();
        var table = new HostTable(db.Databases);

        var (inserted, updated) = await table.WriteAsync([Agent("h1", "10.0.0.1", "7.0.0", "p1")], CancellationToken.None);

        Assert.That((inserted, updated), Is.EqualTo((1, 0)));
        Assert.That(await db.HostsAsync(), Is.EqualTo(new[] { "h1|10.0.0.1|7.0.0|p1" }));
    }

    [Test]
    public async Task WriteAsync_UnchangedExistingRow_IsNotWritten()
    {
        await using var db = await PortalDatabase.CreateAsync();
        var table = new HostTable(db.Databases);
        await table.WriteAsync([Agent("h1", "10.0.0.1", "7.0.0", "p1")], CancellationToken.None);

        var (inserted, updated) = await table.WriteAsync([Agent("h1", "10.0.0.1", "7.0.0", "p1")], CancellationToken.None);

        Assert.That((inserted, updated), Is.EqualTo((0, 0)));
    }

    [Test]
    public async Task WriteAsync_ChangedVersion_UpdatesTheRowInPlace()
    {
        await using var db = await PortalDatabase.CreateAsync();
        var table = new HostTable(db.Databases);
        await table.WriteAsync([Agent("h1", "10.0.0.1", "6.1.0", "p1")], CancellationToken.None);
        var id = await db.ScalarAsync("SELECT id FROM host WHERE hostname = 'h1'");

        var (inserted, updated) = await table.WriteAsync([Agent("h1", "10.0.0.9", "7.0.0", "p2")], CancellationToken.None);

        Assert.That((inserted, updated), Is.EqualTo((0, 1)));
        Assert.That(await db.HostsAsync(), Is.EqualTo(new[] { "h1|10.0.0.9|7.0.0|p2" }));
        Assert.That(await db.ScalarAsync("SELECT id FROM host WHERE hostname = 'h1'"), Is.EqualTo(id));
    }

    [Test]
    public async Task WriteAsync_ValuesWiderThanTheColumns_AreCutNotRejected()
    {
        await using var db = await PortalDatabase.CreateAsync();
        var table = new HostTable(db.Databases);

        await table.WriteAsync([Agent("h1", "2001:db8::1234:5678", "0.3.x@abcdef1234567", "p1")], CancellationToken.None);

        Assert.That(await db.HostsAsync(), Is.EqualTo(new[] { "h1|2001:db8::1234:5|0.3.x@abcdef1234|p1" }));
    }

    [Test]
    public async Task WriteAsync_HostnameWithQuotesAndSql_IsStoredLiterally()
    {
        await using var db = await PortalDatabase.CreateAsync();
        var table = new HostTable(db.Databases);
        const string Hostile = "x'); DROP TABLE host; --";

        await table.WriteAsync([Agent(Hostile, "10.0.0.1", "7.0.0", "p")], CancellationToken.None);

        Assert.That(await db.HostsAsync(), Is.EqualTo(new[] { $"{Hostile}|10.0.0.1|7.0.0|p" }));
    }

    [Test]
    public async Task SeveralHbsInstances_RacingOnTheSameHosts_LeaveExactlyOneRowPerHostWithTheLastValues()
    {
        await using var db = await PortalDatabase.CreateAsync();
        const int Hosts = 500;
        var tables = Enumerable.Range(0, 4).Select(_ => new HostTable(db.Databases)).ToArray();

        // Every instance sees every host for the first time at once: each SELECT finds nothing and all race to INSERT.
        await Task.WhenAll(tables.Select(t => Task.Run(() => t.WriteAsync(
            Enumerable.Range(0, Hosts).Select(i => Agent($"race-{i:000}", "10.0.0.1", "7.0.0", "p")).ToArray(),
            CancellationToken.None))));
        await Task.WhenAll(tables.Select(t => Task.Run(() => t.WriteAsync(
            Enumerable.Range(0, Hosts).Select(i => Agent($"race-{i:000}", "10.0.0.2", "7.1.0", "p")).ToArray(),
            CancellationToken.None))));

        var rows = await db.HostsAsync();
        Assert.That(rows, Has.Count.EqualTo(Hosts));
        Assert.That(rows, Is.All.EndsWith("|10.0.0.2|7.1.0|p"));
    }

    [Test]
    public async Task HostWriter_ABurstOfTenThousandNewAgents_IsWrittenCompletelyWithoutBlockingEnqueue()
    {
        await using var db = await PortalDatabase.CreateAsync();
        var writer = new HostWriter(new HostTable(db.Databases), Options.Create(new HbsOptions()), TimeProvider.System,
            NullLogger<HostWriter>.Instance, new TestMeterFactory());
        await writer.StartAsync(CancellationToken.None);
        try
        {
            for (var i = 0; i < 10_000; i++)
            {
                writer.Enqueue(Agent($"burst-{i:00000}", "10.1.0.1", "7.0.0", "p"));
            }

            await writer.FlushAsync(CancellationToken.None);

            Assert.That(await db.ScalarAsync("SELECT COUNT(*) FROM host"), Is.EqualTo(10_000L));
            Assert.That(writer.Pending, Is.Zero);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    [Test]
    public async Task HostWriter_WhenMySqlIsDown_KeepsEveryPendingHostForLater()
    {
        var down = new MySqlOptions
        {
            Portal = $"Server=127.0.0.1;Port={Servers.ServerProcess.FreePort()};User ID=root;Database=nowhere;Connection Timeout=1",
        };
        await using var databases = new FalconDatabases(Options.Create(down), NullLoggerFactory.Instance);
        var writer = new HostWriter(new HostTable(databases), Options.Create(new HbsOptions()), TimeProvider.System,
            NullLogger<HostWriter>.Instance, new TestMeterFactory());
        writer.Enqueue(Agent("a", "10.0.0.1", "7.0.0", "p"));
        writer.Enqueue(Agent("b", "10.0.0.2", "7.0.0", "p"));

        Assert.That(async () => await writer.FlushAsync(CancellationToken.None), Throws.InstanceOf<MySqlException>());
        Assert.That(writer.Pending, Is.EqualTo(2));
    }

    private static AgentRecord Agent(string hostname, string ip, string version, string plugin) =>
        new(hostname, ip, version, plugin, false, Now);
}
