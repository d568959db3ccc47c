using Falcon.Roles.Hbs.Agents;
using Falcon.Shared.Model.Agents;

namespace Falcon.Tests.Roles.Hbs.Agents;

public sealed class AgentRegistryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Record_FirstHeartbeat_AsksForAHostRow()
    {
        var registry = new AgentRegistry();

        var changed = registry.Record(Report("h1", "10.0.0.1", "7.0.0"), T0);

        Assert.That(changed, Is.Not.Null);
        Assert.That(changed!.IP, Is.EqualTo("10.0.0.1"));
    }

    [Test]
    public void Record_SameValuesAgain_AsksForNoWrite()
    {
        var registry = new AgentRegistry();
        registry.Record(Report("h1", "10.0.0.1", "7.0.0"), T0);

        Assert.That(registry.Record(Report("h1", "10.0.0.1", "7.0.0"), T0.AddMinutes(1)), Is.Null);
    }

    [TestCase("10.0.0.2", "7.0.0", "p1")]
    [TestCase("10.0.0.1", "7.1.0", "p1")]
    [TestCase("10.0.0.1", "7.0.0", "p2")]
    public void Record_ChangedIpOrVersion_AsksForAWrite(string ip, string version, string plugin)
    {
        var registry = new AgentRegistry();
        registry.Record(Report("h1", "10.0.0.1", "7.0.0", "p1"), T0);

        Assert.That(registry.Record(Report("h1", ip, version, plugin), T0.AddMinutes(1)), Is.Not.Null);
    }

    [Test]
    public void Record_InUpgradingAlone_DoesNotRewriteTheRowButIsRemembered()
    {
        var registry = new AgentRegistry();
        registry.Record(Report("h1", "10.0.0.1", "7.0.0"), T0);
        var upgrading = Report("h1", "10.0.0.1", "7.0.0");
        upgrading.InUpgrading = true;

        Assert.That(registry.Record(upgrading, T0.AddMinutes(1)), Is.Null);
        Assert.That(registry.TryGet("h1", out var record) && record!.InUpgrading, Is.True);
    }

    [Test]
    public void EvictSilentSince_DropsOnlyAgentsNotSeenSinceTheCutoff()
    {
        var registry = new AgentRegistry();
        registry.Record(Report("old", "10.0.0.1", "7.0.0"), T0);
        registry.Record(Report("fresh", "10.0.0.2", "7.0.0"), T0.AddHours(2));

        var evicted = registry.EvictSilentSince(T0.AddHours(1));

        Assert.That(evicted, Is.EqualTo(1));
        Assert.That(registry.Hostnames(), Is.EqualTo(new[] { "fresh" }));
    }

    [Test]
    public void Versions_MapsHostnameToReportedVersion()
    {
        var registry = new AgentRegistry();
        registry.Record(Report("b", "10.0.0.1", "7.0.0"), T0);
        registry.Record(Report("a", "10.0.0.2", "6.1.0@abc"), T0);

        Assert.That(registry.Versions(), Is.EqualTo(new Dictionary<string, string> { ["a"] = "6.1.0@abc", ["b"] = "7.0.0" }));
        Assert.That(registry.Hostnames(), Is.EqualTo(new[] { "a", "b" }));
    }

    internal static AgentReportRequest Report(string hostname, string ip, string version, string plugin = "plugin not enabled") =>
        new() { Hostname = hostname, IP = ip, AgentVersion = version, PluginVersion = plugin };
}
