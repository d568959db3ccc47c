using System.Text;
using Falcon.Roles.Hbs.Config;

namespace Falcon.Tests.Roles.Hbs.Config;

public sealed class PortalSnapshotForkFieldsTests
{
    [Test]
    public void ASnapshotWrittenBeforeTheForkTables_ReadsWithNoneOfThem()
    {
        // What an hbs of the previous release publishes: no groupServices, dynamicConfigs, unionStrategies, unionStrategyId.
        var bytes = Encoding.UTF8.GetBytes("""{"formatVersion":1,"hosts":[],"strategies":[{"id":1,"metric":"m","tags":"","func":"all(#1)","op":">","rightValue":"1","maxStep":1,"priority":0,"note":"","runBegin":"","runEnd":"","tplId":2}]}""");

        var snapshot = PortalSnapshotSerializer.Deserialize(bytes);

        Assert.Multiple(() =>
        {
            Assert.That(snapshot.GroupServices, Is.Empty);
            Assert.That(snapshot.DynamicConfigs, Is.Empty);
            Assert.That(snapshot.UnionStrategies, Is.Empty);
            Assert.That(snapshot.Strategies.Single().UnionStrategyId, Is.Zero);
        });
    }

    [Test]
    public void TheForkTables_SurviveTheRoundTrip()
    {
        var snapshot = new PortalSnapshot
        {
            GroupServices = [new PortalGroupServices(10, ["nginx", "redis"])],
            DynamicConfigs = [new PortalDynamicConfig("web-01", "cpu.idle", 30)],
            UnionStrategies = [new PortalUnionStrategy(3, "1,2")],
            Strategies = [new PortalStrategy(1, "m", "", "all(#1)", ">", "1", 1, 0, "", "", "", 2, UnionStrategyId: 3)],
        };

        var copy = PortalSnapshotSerializer.Deserialize(PortalSnapshotSerializer.Serialize(snapshot));

        Assert.Multiple(() =>
        {
            Assert.That(copy.GroupServices.Single().Names, Is.EqualTo(new[] { "nginx", "redis" }));
            Assert.That(copy.DynamicConfigs.Single(), Is.EqualTo(new PortalDynamicConfig("web-01", "cpu.idle", 30)));
            Assert.That(copy.UnionStrategies.Single(), Is.EqualTo(new PortalUnionStrategy(3, "1,2")));
            Assert.That(copy.Strategies.Single().UnionStrategyId, Is.EqualTo(3));
        });
    }
}
