using Falcon.Roles.Hbs.Config;
using Falcon.Shared.Portal;
using Falcon.Tests.Integration.Servers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Integration.Roles.Hbs.Config;

[Category("Integration")]
public sealed partial class PortalSnapshotLoaderTests
{
    private static readonly DateTimeOffset Noon = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private MariaDbServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        _server = await TestServers.MariaDbAsync();
    }

    [Test]
    public async Task LoadAsync_ReturnsTheRowsOfEveryTable()
    {
        await using var databases = await NewDatabasesAsync();
        await InsertSetupAsync(databases);

        var snapshot = await Loader(databases).LoadAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(snapshot.FormatVersion, Is.EqualTo(PortalSnapshot.CurrentFormatVersion));
            Assert.That(snapshot.LoadedAtUnixMs, Is.EqualTo(Noon.ToUnixTimeMilliseconds()));
            Assert.That(snapshot.Hosts.OrderBy(h => h.Id), Is.EqualTo(new[]
            {
                new PortalHost(1, "web01", "10.0.0.1", 0, 0),
                new PortalHost(2, "web02", "10.0.0.2", MaintainBegin, MaintainEnd),
                new PortalHost(3, "db01", "10.0.0.3", 0, 0),
            }));
            Assert.That(snapshot.Groups.OrderBy(g => g.Id), Is.EqualTo(new[] { new PortalGroup(1, "web"), new PortalGroup(2, "db") }));
            Assert.That(Pairs(snapshot.GroupHosts.Select(g => (g.GroupId, g.HostIds))), Is.EquivalentTo(new[] { (1L, 1L), (1L, 2L), (2L, 3L) }));
            Assert.That(snapshot.Templates.OrderBy(t => t.Id), Is.EqualTo(new[]
            {
                new PortalTemplate(1, "base", 0, 11, "root"),
                new PortalTemplate(2, "web", 1, 12, "alice"),
                new PortalTemplate(3, "db", 0, 13, "bob"),
            }));
            Assert.That(Pairs(snapshot.GroupTemplates.Select(g => (g.GroupId, g.TemplateIds))), Is.EquivalentTo(new[] { (1L, 2L), (2L, 3L), (2L, 1L) }));
            Assert.That(snapshot.Strategies.OrderBy(s => s.Id).First(), Is.EqualTo(
                new PortalStrategy(101, "cpu.idle", "", "all(#3)", "<", "10", 3, 1, "idle low", "", "", 1)));
            Assert.That(snapshot.Strategies.Single(s => s.Id == 302), Is.EqualTo(
                new PortalStrategy(302, "mysql.slow", "port=3306", "max(#2)", ">", "5", 1, 3, "", "01:00", "02:00", 3)));
            Assert.That(snapshot.Strategies, Has.Count.EqualTo(6));
            Assert.That(snapshot.Expressions, Is.EqualTo(new[]
            {
                new PortalExpression(1, "each(metric=qps project=falcon)", "all(#1)", ">", "1000", 2, 0, "qps high", 5),
            }), "only rows with an action that are not paused");
            Assert.That(snapshot.GroupPlugins.Select(g => (g.GroupId, string.Join(";", g.Dirs))), Is.EqualTo(new[] { (1L, "nginx;sys/ntp") }));
        }
    }

    [Test]
    public async Task LoadAsync_OnEmptyTables_ReturnsAnEmptySnapshot()
    {
        await using var databases = await NewDatabasesAsync();

        var snapshot = await Loader(databases).LoadAsync(CancellationToken.None);

        Assert.That(
            new[] { snapshot.Hosts.Count, snapshot.Groups.Count, snapshot.GroupHosts.Count, snapshot.Templates.Count, snapshot.GroupTemplates.Count, snapshot.Strategies.Count, snapshot.Expressions.Count, snapshot.GroupPlugins.Count },
            Is.All.Zero);
    }

    [Test]
    public async Task LoadedSnapshot_RoundTripsThroughTheSerializer()
    {
        await using var databases = await NewDatabasesAsync();
        await InsertSetupAsync(databases);
        var snapshot = await Loader(databases).LoadAsync(CancellationToken.None);

        var copy = PortalSnapshotSerializer.Deserialize(PortalSnapshotSerializer.Serialize(snapshot));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(copy.LoadedAtUnixMs, Is.EqualTo(snapshot.LoadedAtUnixMs));
            Assert.That(copy.Hosts, Is.EqualTo(snapshot.Hosts));
            Assert.That(copy.Groups, Is.EqualTo(snapshot.Groups));
            Assert.That(Pairs(copy.GroupHosts.Select(g => (g.GroupId, g.HostIds))), Is.EqualTo(Pairs(snapshot.GroupHosts.Select(g => (g.GroupId, g.HostIds)))));
            Assert.That(copy.Templates, Is.EqualTo(snapshot.Templates));
            Assert.That(Pairs(copy.GroupTemplates.Select(g => (g.GroupId, g.TemplateIds))), Is.EqualTo(Pairs(snapshot.GroupTemplates.Select(g => (g.GroupId, g.TemplateIds)))));
            Assert.That(copy.Strategies, Is.EqualTo(snapshot.Strategies));
            Assert.That(copy.Expressions, Is.EqualTo(snapshot.Expressions));
            Assert.That(copy.GroupPlugins.SelectMany(g => g.Dirs), Is.EqualTo(snapshot.GroupPlugins.SelectMany(g => g.Dirs)));
        }
    }

    [Test]
    public async Task GetStrategies_OverALoadedSnapshot_ServesMonitoredHostsWithInheritedStrategies()
    {
        await using var databases = await NewDatabasesAsync();
        await InsertSetupAsync(databases);
        var snapshot = await Loader(databases).LoadAsync(CancellationToken.None);
        var view = new HbsConfigView(PortalSnapshotSerializer.Deserialize(PortalSnapshotSerializer.Serialize(snapshot)), TimeZoneInfo.Utc);

        var hosts = view.GetStrategies(Noon).HostStrategies.ToDictionary(
            h => h.Hostname, h => h.Strategies.Select(s => (s.Id, s.Metric, s.Tags.Canonical, s.RightValue, TemplateId: s.Tpl!.Id, s.Tpl.ActionId)).ToArray());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(hosts.Keys, Is.EqualTo(new[] { "web01", "db01" }), "web02 is in maintenance");
            // web: the child template replaces base's cpu.idle, and everything arrives through "web" (action 12).
            Assert.That(hosts["web01"], Is.EqualTo(new[]
            {
                (102L, "df.bytes.free.percent", "mount=/", 5.0, 2L, 12L),
                (201L, "cpu.idle", "", 1.5, 2L, 12L),
                (202L, "net.port.listen", "port=80", 0.0, 2L, 12L),
            }));
            // db: "base" and "db" are separate chains; the slow-query strategy is outside its 01:00-02:00 window.
            Assert.That(hosts["db01"], Is.EqualTo(new[]
            {
                (101L, "cpu.idle", "", 10.0, 1L, 11L),
                (102L, "df.bytes.free.percent", "mount=/", 5.0, 1L, 11L),
                (301L, "proc.num", "name=mysqld", 1.0, 3L, 13L),
            }));
            Assert.That(view.GetExpressions().Expressions.Select(e => (e.Id, e.Metric, e.Tags.Canonical, e.RightValue, e.ActionId)),
                Is.EqualTo(new[] { (1L, "qps", "project=falcon", 1000.0, 5L) }));
            Assert.That(view.GetPlugins("web02", 1).Plugins, Is.EqualTo(new[] { "nginx", "sys/ntp" }));
            Assert.That(view.GetBuiltinMetrics("web01", "nil", 1).Metrics.Select(m => m.Metric + "/" + m.Tags), Is.EqualTo(new[] { "net.port.listen/port=80" }));
            Assert.That(view.GetHostsOfGroup("web"), Is.EqualTo(new[] { "web01", "web02" }));
        }
    }

    private static IEnumerable<(long, long)> Pairs(IEnumerable<(long GroupId, IReadOnlyList<long> Ids)> groups) =>
        groups.SelectMany(g => g.Ids.Select(id => (g.GroupId, id)));

    private static PortalSnapshotLoader Loader(FalconDatabases databases) => new(databases, new FakeTimeProvider(Noon));

    private async Task<FalconDatabases> NewDatabasesAsync()
    {
        // Each test works in databases of its own, so tests never see each other's rows.
        var id = "t" + Guid.NewGuid().ToString("N")[..10];
        var databases = new FalconDatabases(
            Options.Create(new MySqlOptions
            {
                Uic = _server.ConnectionString(id + "_uic"),
                Portal = _server.ConnectionString(id + "_portal"),
                Alarms = _server.ConnectionString(id + "_alarms"),
            }),
            NullLoggerFactory.Instance);
        await new SchemaMigrator(databases, NullLogger<SchemaMigrator>.Instance, TimeProvider.System).InitAsync(null, CancellationToken.None);
        return databases;
    }
}
