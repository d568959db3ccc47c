namespace Falcon.Tests.Roles.Hbs.Config;

public sealed partial class HbsConfigViewTests
{
    [Test]
    public void GetStrategies_ChildTemplateReplacesTheParentsStrategyOfTheSameMetricAndTags()
    {
        var view = new PortalSnapshotBuilder()
            .Host(1, "h1").Group(10, "g", 1)
            .Template(100, "parent", actionId: 1).Template(101, "child", parentId: 100, actionId: 2).Bind(10, 101)
            .Strategy(1000, 100, "cpu.idle").Strategy(1001, 100, "df.bytes.free.percent", tags: "mount=/")
            .Strategy(1002, 100, "net.if.in.bytes", tags: "iface=eth0,dir=in")
            .Strategy(1003, 101, "cpu.idle").Strategy(1004, 101, "net.if.in.bytes", tags: "dir=in,iface=eth0")
            .View();

        var strategies = view.GetStrategies(Noon).HostStrategies.Single().Strategies;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(strategies.Select(s => s.Id), Is.EqualTo(new long[] { 1001, 1003, 1004 }));
            // Every strategy reaches the host through the youngest template, whose action routes the alarm.
            Assert.That(strategies.Select(s => s.Tpl!.Id), Is.All.EqualTo(101));
            Assert.That(strategies.Select(s => s.Tpl!.ActionId), Is.All.EqualTo(2));
        }
    }

    [Test]
    public void GetStrategies_FollowsTheChainToTheRoot()
    {
        var view = new PortalSnapshotBuilder()
            .Host(1, "h1").Group(10, "g", 1)
            .Template(100, "root").Template(101, "middle", parentId: 100).Template(102, "leaf", parentId: 101).Bind(10, 102)
            .Strategy(1000, 100, "a").Strategy(1001, 101, "b").Strategy(1002, 102, "c").Strategy(1003, 101, "a")
            .View();

        var strategies = view.GetStrategies(Noon).HostStrategies.Single().Strategies;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(strategies.Select(s => s.Id), Is.EqualTo(new long[] { 1001, 1002, 1003 }));
            Assert.That(strategies.Select(s => s.Tpl!.Id), Is.All.EqualTo(102));
        }
    }

    [Test]
    public void GetStrategies_DropsAChainThatIsPartOfAnother_SoTheChildStillOverrides()
    {
        // The host gets the parent through one group and the child through another: the parent's chain [100]
        // is inside [100, 101], so the child's override holds and nothing arrives with the parent's template.
        var view = new PortalSnapshotBuilder()
            .Host(1, "h1").Group(10, "parents", 1).Group(11, "children", 1)
            .Template(100, "parent").Template(101, "child", parentId: 100).Bind(10, 100).Bind(11, 101)
            .Strategy(1000, 100, "cpu.idle").Strategy(1001, 100, "load.1min").Strategy(1002, 101, "cpu.idle")
            .View();

        var strategies = view.GetStrategies(Noon).HostStrategies.Single().Strategies;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(strategies.Select(s => s.Id), Is.EqualTo(new long[] { 1001, 1002 }));
            Assert.That(strategies.Select(s => s.Tpl!.Id), Is.All.EqualTo(101));
        }
    }

    [Test]
    public void GetStrategies_TwoChildrenOfOneParent_ServeTheSharedStrategyOnce()
    {
        var view = new PortalSnapshotBuilder()
            .Host(1, "h1").Group(10, "g", 1)
            .Template(100, "parent").Template(101, "web", parentId: 100).Template(102, "db", parentId: 100).Bind(10, 102, 101)
            .Strategy(1000, 100, "cpu.idle").Strategy(1001, 101, "nginx").Strategy(1002, 102, "mysql")
            .View();

        var strategies = view.GetStrategies(Noon).HostStrategies.Single().Strategies;

        Assert.That(strategies.Select(s => (s.Id, s.Tpl!.Id)), Is.EqualTo(new[] { (1000L, 101L), (1001L, 101L), (1002L, 102L) }));
    }

    [Test]
    public void GetStrategies_WhenTheChildsStrategyIsOutsideItsWindow_ServesTheParents()
    {
        var view = new PortalSnapshotBuilder()
            .Host(1, "h1").Group(10, "g", 1)
            .Template(100, "parent").Template(101, "child", parentId: 100).Bind(10, 101)
            .Strategy(1000, 100, "cpu.idle").Strategy(1001, 101, "cpu.idle", runBegin: "01:00", runEnd: "02:00")
            .View();

        var strategies = view.GetStrategies(Noon).HostStrategies.Single().Strategies;

        Assert.That(strategies.Select(s => (s.Id, s.Tpl!.Id)), Is.EqualTo(new[] { (1000L, 101L) }));
    }

    [Test]
    public void GetStrategies_TemplateCycle_ServesNothingFromIt()
    {
        var view = new PortalSnapshotBuilder()
            .Host(1, "h1").Group(10, "g", 1)
            .Template(100, "a", parentId: 101).Template(101, "b", parentId: 100).Template(102, "fine").Bind(10, 100, 102)
            .Strategy(1000, 100, "cpu.idle").Strategy(1001, 101, "load.1min").Strategy(1002, 102, "mem")
            .View();

        Assert.That(StrategyIds(view.GetStrategies(Noon))["h1"], Is.EqualTo(new long[] { 1002 }));
    }

    [TestCase(9, true)]
    [TestCase(10, false)]
    public void GetStrategies_ChainOfTenTemplatesIsDroppedAsGoDoes(int depth, bool served)
    {
        var builder = new PortalSnapshotBuilder().Host(1, "h1").Group(10, "g", 1);
        for (var i = 1; i <= depth; i++)
        {
            builder.Template(i, "t" + i, parentId: i - 1);
        }

        var view = builder.Bind(10, depth).Strategy(1000, 1, "cpu.idle").View();

        Assert.That(StrategyIds(view.GetStrategies(Noon)).ContainsKey("h1"), Is.EqualTo(served));
    }

    [Test]
    public void GetStrategies_DropsAStrategyWhoseTemplateDoesNotExist()
    {
        var view = new PortalSnapshotBuilder()
            .Host(1, "h1").Group(10, "g", 1).Template(100, "t").Bind(10, 100, 999)
            .Strategy(1000, 100, "cpu.idle").Strategy(1001, 999, "load.1min")
            .View();

        Assert.That(StrategyIds(view.GetStrategies(Noon))["h1"], Is.EqualTo(new long[] { 1000 }));
    }

    [Test]
    public void GetStrategies_ParentWithAMissingRow_EndsTheChainThere()
    {
        var view = new PortalSnapshotBuilder()
            .Host(1, "h1").Group(10, "g", 1).Template(101, "orphan", parentId: 555).Bind(10, 101)
            .Strategy(1000, 101, "cpu.idle")
            .View();

        Assert.That(view.GetStrategies(Noon).HostStrategies.Single().Strategies.Single().Tpl!.Id, Is.EqualTo(101));
    }

    [Test]
    public void GetStrategies_HostsSharingTemplates_ShareTheStrategyObjects()
    {
        var view = new PortalSnapshotBuilder()
            .Host(1, "h1").Host(2, "h2").Group(10, "g", 1, 2)
            .Template(100, "parent").Template(101, "child", parentId: 100).Bind(10, 101)
            .Strategy(1000, 100, "cpu.idle")
            .View();

        var hosts = view.GetStrategies(Noon).HostStrategies;

        Assert.That(hosts[1].Strategies[0], Is.SameAs(hosts[0].Strategies[0]));
    }
}
