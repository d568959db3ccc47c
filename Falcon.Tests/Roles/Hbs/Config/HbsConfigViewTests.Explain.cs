namespace Falcon.Tests.Roles.Hbs.Config;

public sealed partial class HbsConfigViewTests
{
    [Test]
    public void ExplainHost_NamesGroupAndChain_OfWhatGetStrategiesServes_WhateverTheRunWindow()
    {
        var view = new PortalSnapshotBuilder()
            .Host(1, "h1", maintainBegin: 5, maintainEnd: 10).Group(10, "web", 1).Group(11, "all", 1)
            .Template(100, "base").Template(101, "web-tpl", parentId: 100).Bind(10, 101).Bind(11, 100)
            .Strategy(1000, 100, "cpu.idle").Strategy(1001, 100, "mem.memfree.percent")
            .Strategy(1002, 101, "cpu.idle").Strategy(1003, 101, "df.bytes.free.percent", runBegin: "01:00", runEnd: "01:01")
            .Expression(1, "each(metric=net.if.in.bytes endpoint=h1)").Expression(2, "each(metric=net.if.in.bytes endpoint=h2)")
            .View();

        var explained = view.ExplainHost("H1")!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(explained.Host, Is.EqualTo("h1"), "hostnames match ignoring case, as in MySQL");
            Assert.That(explained.MaintainEnd, Is.EqualTo(10));
            // base's chain is inside web-tpl's, so it adds nothing and does not undo the child's override of cpu.idle.
            Assert.That(explained.Strategies.Select(r => (r.Group, r.Template, r.Strategy.Id, string.Join(">", r.Via))), Is.EqualTo(new[]
            {
                ("web", "web-tpl", 1001L, "web-tpl>base"),
                ("web", "web-tpl", 1002L, "web-tpl"),
                ("web", "web-tpl", 1003L, "web-tpl"),
            }));
            Assert.That(explained.Strategies.Single(r => r.Strategy.Id == 1003).Strategy.RunBegin, Is.EqualTo("01:00"));
            Assert.That(explained.Expressions.Select(e => e.Id), Is.EqualTo(new long[] { 1 }));
            Assert.That(view.ExplainHost("nobody"), Is.Null);
        }
    }
}
