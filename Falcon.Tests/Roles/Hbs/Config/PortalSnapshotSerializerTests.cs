using System.Text;
using Falcon.Roles.Hbs.Config;

namespace Falcon.Tests.Roles.Hbs.Config;

public sealed class PortalSnapshotSerializerTests
{
    [Test]
    public void Deserialize_OfSerialize_GivesBackEveryTable()
    {
        var snapshot = new PortalSnapshotBuilder()
            .Host(1, "h1", 5, 6).Group(10, "g", 1).Template(100, "t", parentId: 0, actionId: 3).Bind(10, 100)
            .Strategy(1000, 100, "cpu.idle", "a=b", "1.5", "08:00", "18:00").Expression(7, "each(metric=qps x=1)").Plugins(10, "sys")
            .Build();

        var copy = PortalSnapshotSerializer.Deserialize(PortalSnapshotSerializer.Serialize(snapshot));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(copy.FormatVersion, Is.EqualTo(PortalSnapshot.CurrentFormatVersion));
            Assert.That(copy.LoadedAtUnixMs, Is.EqualTo(snapshot.LoadedAtUnixMs));
            Assert.That(copy.Hosts, Is.EqualTo(snapshot.Hosts));
            Assert.That(copy.Groups, Is.EqualTo(snapshot.Groups));
            Assert.That(copy.GroupHosts.Select(g => (g.GroupId, g.HostIds.ToArray())), Is.EqualTo(new[] { (10L, new long[] { 1 }) }));
            Assert.That(copy.Templates, Is.EqualTo(snapshot.Templates));
            Assert.That(copy.GroupTemplates.Select(g => (g.GroupId, g.TemplateIds.ToArray())), Is.EqualTo(new[] { (10L, new long[] { 100 }) }));
            Assert.That(copy.Strategies, Is.EqualTo(snapshot.Strategies));
            Assert.That(copy.Expressions, Is.EqualTo(snapshot.Expressions));
            Assert.That(copy.GroupPlugins.Select(g => (g.GroupId, g.Dirs.ToArray())), Is.EqualTo(new[] { (10L, new[] { "sys" }) }));
        }
    }

    [Test]
    public void Deserialize_OtherFormatVersion_Throws()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"formatVersion":2,"hosts":[]}""");

        Assert.That(() => PortalSnapshotSerializer.Deserialize(bytes), Throws.TypeOf<PortalSnapshotFormatException>().With.Message.Contains("version 2"));
    }

    [TestCase("""{"formatVersion":1,"hosts":null}""")]
    [TestCase("""{"formatVersion":1,"hosts":[{"id":1,"hostname":null,"ip":"","maintainBegin":0,"maintainEnd":0}]}""")]
    [TestCase("""{"formatVersion":1,"hosts":[{"id":1}]}""")]
    [TestCase("null")]
    [TestCase("not json")]
    [TestCase("")]
    public void Deserialize_DamagedBytes_Throws(string text)
    {
        Assert.That(() => PortalSnapshotSerializer.Deserialize(Encoding.UTF8.GetBytes(text)), Throws.TypeOf<PortalSnapshotFormatException>());
    }
}
