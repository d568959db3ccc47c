using System.Globalization;
using Falcon.Roles.Hbs.Config;
using Falcon.Shared.Model.Strategies;

namespace Falcon.Tests.Roles.Hbs.Config;

public sealed partial class HbsConfigViewTests
{
    private static readonly DateTimeOffset Noon = At("12:00");

    [TestCase("", "", "00:00", true)]
    [TestCase("", "", "23:59", true)]
    [TestCase("08:00", "18:00", "12:00", true)]
    [TestCase("08:00", "18:00", "08:00", true)]
    [TestCase("08:00", "18:00", "18:00", true)]
    [TestCase("08:00", "18:00", "07:59", false)]
    [TestCase("08:00", "18:00", "18:01", false)]
    [TestCase("22:00", "06:00", "23:30", true)]
    [TestCase("22:00", "06:00", "00:00", true)]
    [TestCase("22:00", "06:00", "03:00", true)]
    [TestCase("22:00", "06:00", "22:00", true)]
    [TestCase("22:00", "06:00", "06:00", true)]
    [TestCase("22:00", "06:00", "21:59", false)]
    [TestCase("22:00", "06:00", "06:01", false)]
    [TestCase("22:00", "06:00", "12:00", false)]
    // Go's SQL with only a begin: '' sorts first, so the window runs from begin to midnight.
    [TestCase("08:00", "", "07:59", false)]
    [TestCase("08:00", "", "08:00", true)]
    [TestCase("08:00", "", "23:59", true)]
    public void RunWindow_IsActive_FollowsOpenFalconsStringComparisons(string begin, string end, string now, bool expected)
    {
        Assert.That(RunWindow.IsActive(begin, end, now), Is.EqualTo(expected));
    }

    [TestCase("11:59", false)]
    [TestCase("12:00", true)]
    [TestCase("13:30", true)]
    [TestCase("13:31", false)]
    public void GetStrategies_ServesAStrategyOnlyInsideItsRunWindow(string now, bool served)
    {
        var view = new PortalSnapshotBuilder()
            .Host(1, "h1").Group(10, "g", 1).Template(100, "t").Bind(10, 100)
            .Strategy(1000, 100, "cpu.idle", runBegin: "12:00", runEnd: "13:30")
            .Strategy(1001, 100, "load.1min")
            .View();

        var ids = StrategyIds(view.GetStrategies(At(now)))["h1"];

        Assert.That(ids, Is.EqualTo(served ? new long[] { 1000, 1001 } : new long[] { 1001 }));
    }

    [TestCase("21:59", false)]
    [TestCase("22:00", true)]
    [TestCase("23:59", true)]
    [TestCase("00:00", true)]
    [TestCase("06:00", true)]
    [TestCase("06:01", false)]
    public void GetStrategies_ServesAWindowCrossingMidnightOnBothSides(string now, bool served)
    {
        var view = new PortalSnapshotBuilder()
            .Host(1, "h1").Group(10, "g", 1).Template(100, "t").Bind(10, 100)
            .Strategy(1000, 100, "cpu.idle", runBegin: "22:00", runEnd: "06:00")
            .View();

        var response = view.GetStrategies(At(now));

        Assert.That(StrategyIds(response).ContainsKey("h1"), Is.EqualTo(served));
    }

    [Test]
    public void GetStrategies_ComparesTheWindowInTheLocalTimeZone()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");
        var snapshot = new PortalSnapshotBuilder()
            .Host(1, "h1").Group(10, "g", 1).Template(100, "t").Bind(10, 100)
            .Strategy(1000, 100, "cpu.idle", runBegin: "09:00", runEnd: "10:00")
            .Build();
        var view = new HbsConfigView(snapshot, zone);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(StrategyIds(view.GetStrategies(At("01:30"))), Contains.Key("h1"), "01:30 UTC is 09:30 at UTC+8");
            Assert.That(StrategyIds(view.GetStrategies(At("09:30"))), Does.Not.ContainKey("h1"), "09:30 UTC is 17:30 at UTC+8");
        }
    }

    [TestCase(-10, 10, false)]
    [TestCase(0, 10, false)]
    [TestCase(-10, 0, false)]
    [TestCase(0, 0, false)]
    [TestCase(-20, -1, true)]
    [TestCase(1, 20, true)]
    public void GetStrategies_LeavesOutHostsInMaintenance(int beginOffset, int endOffset, bool served)
    {
        var now = Noon.ToUnixTimeSeconds();
        var view = new PortalSnapshotBuilder()
            .Host(1, "h1", maintainBegin: now + beginOffset, maintainEnd: now + endOffset).Host(2, "h2")
            .Group(10, "g", 1, 2).Template(100, "t").Bind(10, 100)
            .Strategy(1000, 100, "cpu.idle")
            .View();

        var hosts = view.GetStrategies(Noon).HostStrategies.Select(h => h.Hostname);

        Assert.That(hosts, Is.EqualTo(served ? new[] { "h1", "h2" } : new[] { "h2" }));
    }

    [Test]
    public void GetStrategies_LeavesOutHostsWithoutTemplatesOrStrategies_AndOrdersHostsById()
    {
        var view = new PortalSnapshotBuilder()
            .Host(3, "c").Host(1, "a").Host(2, "b").Host(4, "no-group").Host(5, "empty-template")
            .Group(10, "g", 3, 1, 2).Group(11, "other", 5).Template(100, "t").Template(101, "empty").Bind(10, 100).Bind(11, 101)
            .Strategy(1000, 100, "cpu.idle")
            .View();

        var hosts = view.GetStrategies(Noon).HostStrategies.Select(h => h.Hostname);

        Assert.That(hosts, Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public void GetStrategies_CopiesEveryFieldAndParsesTagsAndRightValue()
    {
        var view = new PortalSnapshotBuilder()
            .Host(1, "h1").Group(10, "g", 1).Template(100, "t", actionId: 7).Bind(10, 100)
            .Strategy(1000, 100, "df.bytes.free.percent", tags: "mount=/data, fstype=ext4,bad", rightValue: "5.5")
            .View();

        var strategy = view.GetStrategies(Noon).HostStrategies.Single().Strategies.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(strategy.Id, Is.EqualTo(1000));
            Assert.That(strategy.Metric, Is.EqualTo("df.bytes.free.percent"));
            // hbs keeps spaces in strategy tags and drops a part without '='.
            Assert.That(strategy.Tags.Canonical, Is.EqualTo(" fstype=ext4,mount=/data"));
            Assert.That(strategy.Func, Is.EqualTo("all(#3)"));
            Assert.That(strategy.Operator, Is.EqualTo(">"));
            Assert.That(strategy.RightValue, Is.EqualTo(5.5));
            Assert.That(strategy.MaxStep, Is.EqualTo(3));
            Assert.That(strategy.Priority, Is.EqualTo(2));
            Assert.That(strategy.Note, Is.EqualTo("note 1000"));
            Assert.That(strategy.Tpl, Is.EqualTo(new Template { Id = 100, Name = "t", ActionId = 7, Creator = "root" }));
        }
    }

    [TestCase("")]
    [TestCase("abc")]
    [TestCase("1e400")]
    [TestCase("NaN")]
    public void GetStrategies_DropsAStrategyWhoseRightValueIsNotAFiniteFloat(string rightValue)
    {
        var view = new PortalSnapshotBuilder()
            .Host(1, "h1").Group(10, "g", 1).Template(100, "t").Bind(10, 100)
            .Strategy(1000, 100, "cpu.idle", rightValue: rightValue).Strategy(1001, 100, "load.1min")
            .View();

        Assert.That(StrategyIds(view.GetStrategies(Noon))["h1"], Is.EqualTo(new long[] { 1001 }));
    }

    [Test]
    public void GetStrategies_WhileNothingChanges_ReturnsTheSameResponse()
    {
        var view = new PortalSnapshotBuilder()
            .Host(1, "h1").Group(10, "g", 1).Template(100, "t").Bind(10, 100).Strategy(1000, 100, "cpu.idle")
            .View();

        var first = view.GetStrategies(Noon);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(view.GetStrategies(Noon.AddSeconds(30)), Is.SameAs(first));
            Assert.That(view.GetStrategies(Noon.AddMinutes(1)), Is.Not.SameAs(first));
        }
    }

    [Test]
    public void GetActiveStrategies_ListsStrategiesInTheirWindowWithTheirOwnTemplate()
    {
        var view = new PortalSnapshotBuilder()
            .Template(100, "t").Template(101, "child", parentId: 100)
            .Strategy(1002, 101, "cpu.idle").Strategy(1000, 100, "cpu.idle")
            .Strategy(1001, 100, "load.1min", runBegin: "01:00", runEnd: "02:00").Strategy(1003, 999, "no.template")
            .View();

        var active = view.GetActiveStrategies(Noon);

        Assert.That(active.Select(s => (s.Id, s.Tpl!.Id)), Is.EqualTo(new[] { (1000L, 100L), (1002L, 101L) }));
    }

    private static DateTimeOffset At(string hhmm) =>
        new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero) + TimeSpan.ParseExact(hhmm, "hh\\:mm", CultureInfo.InvariantCulture);

    private static Dictionary<string, long[]> StrategyIds(StrategiesResponse response) =>
        response.HostStrategies.ToDictionary(h => h.Hostname, h => h.Strategies.Select(s => s.Id).ToArray());
}
