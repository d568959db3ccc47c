using Falcon.Roles.Hbs.Config;

namespace Falcon.Tests.Roles.Hbs.Config;

public sealed partial class HbsConfigViewTests
{
    [Test]
    public void GetPlugins_CollectsTheDirsOfEveryGroup_UniqueAndSorted()
    {
        var view = new PortalSnapshotBuilder()
            .Host(1, "h1").Group(10, "a", 1).Group(11, "b", 1).Group(12, "not-mine")
            .Plugins(10, "sys/ntp", "net/port/60_port.py(22,80)").Plugins(11, "sys/ntp", "Disk").Plugins(12, "other")
            .View();

        var response = view.GetPlugins("h1", Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Plugins, Is.EqualTo(new[] { "Disk", "net/port/60_port.py(22,80)", "sys/ntp" }));
            Assert.That(response.Timestamp, Is.EqualTo(Now));
        }
    }

    [TestCase("stranger")]
    [TestCase("lonely")]
    public void GetPlugins_UnknownHostOrHostWithoutGroups_GetsNone(string hostname)
    {
        var view = new PortalSnapshotBuilder().Host(1, "h1").Host(2, "lonely").Group(10, "a", 1).Plugins(10, "sys").View();

        var response = view.GetPlugins(hostname, Now);

        Assert.That((response.Plugins.Count, response.Timestamp), Is.EqualTo((0, Now)));
    }

    [Test]
    public void GetPlugins_EmptyHostname_GetsGosZeroReply()
    {
        var view = new PortalSnapshotBuilder().View();

        Assert.That(view.GetPlugins("", Now).Timestamp, Is.Zero);
    }

    [Test]
    public void GetHostsOfGroup_ListsMembersWithAHostRow_SortedAndUnique()
    {
        var view = new PortalSnapshotBuilder()
            .Host(1, "web-b").Host(2, "web-a").Host(3, "db").Group(10, "web", 1, 2, 1, 404).Group(11, "db", 3).Group(12, "empty")
            .View();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(view.GetHostsOfGroup("web"), Is.EqualTo(new[] { "web-a", "web-b" }));
            Assert.That(view.GetHostsOfGroup("empty"), Is.Empty);
            Assert.That(view.GetHostsOfGroup("WEB"), Is.EqualTo(new[] { "web-a", "web-b" }), "grp_name's key ignores case");
            Assert.That(view.GetHostsOfGroup("nope"), Is.Null);
        }
    }

    [Test]
    public void GetHostsOfGroup_TenThousandHostGroup_ReturnsEveryMemberOnce()
    {
        var builder = new PortalSnapshotBuilder();
        var members = new long[10_000];
        for (var i = 0; i < 10_000; i++)
        {
            builder.Host(i + 1, $"host-{i:D5}");
            members[i] = 10_000 - i;
        }

        builder.Host(20_000, "outsider");
        var view = builder.Group(1, "big", members).Group(2, "small", 20_000, 1).View();

        var hosts = view.GetHostsOfGroup("big");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(hosts, Has.Count.EqualTo(10_000));
            Assert.That(hosts, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
            Assert.That(hosts, Is.EquivalentTo(Enumerable.Range(0, 10_000).Select(i => $"host-{i:D5}")));
            Assert.That(view.GetHostsOfGroup("big"), Is.SameAs(hosts), "answered from the cache the second time");
        }
    }

    [Test]
    public void GetMonitoredHosts_ListsEveryHostById_AndLeavesOutMaintenance()
    {
        var now = Noon.ToUnixTimeSeconds();
        var view = new PortalSnapshotBuilder().Host(2, "b", now - 1, now + 1).Host(1, "a").View();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(view.GetMonitoredHosts(Noon.AddSeconds(2)).Select(h => (h.Id, h.Hostname)), Is.EqualTo(new[] { (1L, "a"), (2L, "b") }), "after b's maintenance");
            Assert.That(view.GetMonitoredHosts(Noon).Select(h => h.Hostname), Is.EqualTo(new[] { "a" }));
        }
    }

    [Test]
    public void GetTemplates_ListsEveryTemplateById()
    {
        var view = new PortalSnapshotBuilder().Template(2, "b", parentId: 1, actionId: 9).Template(1, "a").View();

        Assert.That(view.GetTemplates().Select(t => (t.Id, t.Name, t.ParentId, t.ActionId)), Is.EqualTo(new[] { (1L, "a", 0L, 0L), (2L, "b", 1L, 9L) }));
    }

    [Test]
    public void Constructor_KeepsTheSnapshot()
    {
        var snapshot = new PortalSnapshotBuilder().Build();

        Assert.That(new HbsConfigView(snapshot, TimeZoneInfo.Utc).Snapshot, Is.SameAs(snapshot));
    }
}
