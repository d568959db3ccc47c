using Falcon.Shared.Datacenters;
using Microsoft.Extensions.Configuration;

namespace Falcon.Tests.Shared.Datacenters;

public sealed class DatacenterMapSnapshotTests
{
    private static readonly Datacenter Dc1 = new("dc1", 0, ["10.0.0.1:6030"], "http://vm1:8428", TimeSpan.FromSeconds(5));
    private static readonly Datacenter Dc2 = new("dc2", 1, ["10.1.0.1:6030"], "http://vm2:8428", TimeSpan.FromSeconds(5));
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Test]
    public void Build_AHostInTwoDatacenters_IsPlacedFirstWhereItHeartbeatedMostRecently()
    {
        var snapshot = Build(("dc1", "a", new() { ["moved"] = 100 }), ("dc2", "b", new() { ["moved"] = 160 }));

        Assert.That(snapshot.Hosts["moved"].Datacenters, Is.EqualTo(new[] { Dc2, Dc1 }));
        Assert.That(snapshot.Hosts["moved"].LastSeen, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(160)));
    }

    [Test]
    public void Build_WithoutHeartbeatTimes_ConfigurationOrderDecides()
    {
        var snapshot = Build(("dc2", "b", new() { ["h"] = null }), ("dc1", "a", new() { ["h"] = null }));

        Assert.That(snapshot.Hosts["h"].Current, Is.EqualTo(Dc1));
    }

    [Test]
    public void Build_UnionsEveryHbsOfADatacenter_KeepingTheLatestHeartbeat()
    {
        var snapshot = Build(("dc1", "a", new() { ["x"] = 10, ["y"] = 5 }), ("dc1", "b", new() { ["x"] = 20, ["z"] = 1 }));

        Assert.That(snapshot.Hosts.Keys, Is.EquivalentTo(new[] { "x", "y", "z" }));
        Assert.That(snapshot.Hosts["x"].LastSeen, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(20)));
        Assert.That(snapshot.Hosts["x"].Datacenters, Is.EqualTo(new[] { Dc1 }));
    }

    [Test]
    public void Locate_AnUnknownEndpoint_GoesToEveryDatacenter_AndAKnownOneToItsOwn()
    {
        var map = new DatacenterMap(new DatacenterList([Dc1, Dc2]));
        map.Publish(Build(("dc2", "b", new() { ["known"] = 1 })));

        Assert.That(map.Locate("unknown"), Is.EqualTo(new[] { Dc1, Dc2 }));
        Assert.That(map.Locate("KNOWN"), Is.EqualTo(new[] { Dc2 }));
        Assert.That(map.Split(["known", "unknown"], currentOnly: true)[Dc1], Is.EqualTo(new[] { "unknown" }));
    }

    [Test]
    public void DatacenterList_WithNoneConfigured_IsOneDefaultOfTheLocalTsdbAndHbs()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["tsdb:queryUrl"] = "http://127.0.0.1:9428",
            ["hbs:rpcListen"] = "0.0.0.0:16030",
        }).Build();

        var list = new DatacenterList(Microsoft.Extensions.Options.Options.Create(new DatacentersOptions()), configuration);

        Assert.That(list.IsDefault, Is.True);
        Assert.That(list.All.Single(), Is.EqualTo(list.All[0] with { Name = "default", QueryUrl = "http://127.0.0.1:9428" }));
        Assert.That(list.All[0].Hbs, Is.EqualTo(new[] { "127.0.0.1:16030" }));
    }

    private static DatacenterMapSnapshot Build(params (string Dc, string Hbs, Dictionary<string, long?> Agents)[] copies)
    {
        var byDc = copies.GroupBy(c => c.Dc).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<HbsAgentCopy>)g.Select(c => new HbsAgentCopy(c.Hbs, c.Agents, Now)).ToArray());
        return DatacenterMapSnapshot.Build([Dc1, Dc2], byDc, [], Now);
    }
}
