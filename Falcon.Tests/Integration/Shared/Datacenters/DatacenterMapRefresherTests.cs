using Falcon.Shared.Datacenters;
using Falcon.Shared.Model.Agents;
using Falcon.Shared.Wire;
using Falcon.Tests.Integration.Roles;
using Falcon.Tests.Integration.Roles.Hbs;
using Falcon.Tests.Integration.Shared.Portal;
using Microsoft.Extensions.Logging.Abstractions;

namespace Falcon.Tests.Integration.Shared.Datacenters;

/// <summary>The map against real hbs servers: every hbs of a datacenter is asked, and a down hbs's last good copy is kept.</summary>
[Category("Integration")]
public sealed class DatacenterMapRefresherTests
{
    [Test]
    public async Task Refresh_UnionsEveryHbsOfADatacenter_AndKeepsTheLastGoodCopyOfAnHbsThatStops()
    {
        await using var db = await PortalDatabase.CreateAsync();
        var redis = await TestServers.RedisAsync();
        var prefix = "dcmap:" + Guid.NewGuid().ToString("N")[..8];
        await using var hbsA = await HbsInstance.StartAsync(db, redis, prefix + ":a");
        var hbsB = await HbsInstance.StartAsync(db, redis, prefix + ":b");
        await HeartbeatAsync(hbsA.RpcAddress, "host-a");
        var addressB = hbsB.RpcAddress;
        await HeartbeatAsync(addressB, "host-b");
        var dc = new Datacenter("dc1", 0, [hbsA.RpcAddress, addressB], "http://127.0.0.1:1", TimeSpan.FromSeconds(1));
        var map = new DatacenterMap(new DatacenterList([dc]));
        var options = new DatacenterMapOptions { CallTimeout = TimeSpan.FromSeconds(1), Retries = 1, RetryDelay = TimeSpan.FromMilliseconds(10) };
        using var refresher = new DatacenterMapRefresher(map, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<DatacenterMapRefresher>.Instance);

        await refresher.RefreshAsync(CancellationToken.None);
        var before = map.Snapshot;
        await hbsB.DisposeAsync();
        await refresher.RefreshAsync(CancellationToken.None);
        var after = map.Snapshot;

        Assert.That(before.Hosts.Keys, Is.EquivalentTo(new[] { "host-a", "host-b" }));
        Assert.That(before.States.Single(), Is.EqualTo(before.States[0] with { HbsAnswering = 2, HbsTotal = 2, Hosts = 2, LastError = null }));
        Assert.That(after.Hosts.Keys, Is.EquivalentTo(new[] { "host-a", "host-b" }), "host-b stays known from the stopped hbs's last copy");
        Assert.That(after.States.Single().HbsAnswering, Is.EqualTo(1));
        Assert.That(after.States.Single().LastError, Does.StartWith(addressB));
        await refresher.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task Refresh_OfAGoHbsThatLacksGetAgentsSeen_FallsBackToGetAgents_AndAsksForTheExtensionOnlyOnce()
    {
        // The fork's Go hbs answers an unknown method with net/rpc's "rpc: can't find method …" error.
        await using var goHbs = new ForkHbsFake();
        goHbs.Answer(HbsAgentSource.PlainMethod, """{"Agent":["old-a","old-b"]}""");
        var dc = new Datacenter("fork", 0, [goHbs.Address], "http://127.0.0.1:1", TimeSpan.FromSeconds(1));
        var map = new DatacenterMap(new DatacenterList([dc]));
        var options = new DatacenterMapOptions { CallTimeout = TimeSpan.FromSeconds(1), Retries = 0 };
        using var refresher = new DatacenterMapRefresher(map, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<DatacenterMapRefresher>.Instance);

        await refresher.RefreshAsync(CancellationToken.None);
        await refresher.RefreshAsync(CancellationToken.None);

        var snapshot = map.Snapshot;
        Assert.That(snapshot.Hosts.Keys, Is.EquivalentTo(new[] { "old-a", "old-b" }));
        Assert.That(snapshot.Hosts.Values.Select(p => p.LastSeen), Has.All.Null, "a Go hbs cannot say when an agent last heartbeated");
        Assert.That(snapshot.Hosts["old-a"].Current.Name, Is.EqualTo("fork"));
        Assert.That(snapshot.States.Single(), Is.EqualTo(snapshot.States[0] with { HbsAnswering = 1, HbsTotal = 1, Hosts = 2, LastError = null }));
        Assert.That(goHbs.Calls, Is.EqualTo(new[] { HbsAgentSource.SeenMethod, HbsAgentSource.PlainMethod, HbsAgentSource.PlainMethod }));
        await refresher.StopAsync(CancellationToken.None);
    }

    private static async Task HeartbeatAsync(string address, string hostname)
    {
        await using var agent = new JsonRpcClient([address]);
        await agent.CallAsync("Agent.ReportStatus", new AgentReportRequest { Hostname = hostname, IP = "10.0.0.1" },
            AgentJsonContext.Default.AgentReportRequest, AgentJsonContext.Default.AgentReportResponse);
    }
}
