using Falcon.Roles.Agent.Scheduling;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Roles.Agent.Scheduling;

public sealed class AgentCollectorsTests
{
    private readonly AgentCollectors _collectors = new(
        [TestCollector.Gauge("ntp", 60)],
        [new CollectorGroup([TestCollector.Gauge("cpu", 10), TestCollector.Gauge("df", 60)])]);

    [Test]
    public void All_HoldsSingleCollectorsAndGroups()
    {
        Assert.That(_collectors.All.Select(c => c.Name), Is.EqualTo(new[] { "ntp", "cpu", "df" }));
    }

    [Test]
    public void ATierForAnUnknownCollector_StopsTheStartListingTheCollectors()
    {
        var options = AgentTestOptions.Create(o => o.Tiers["cpuu"] = 30).Value;

        var error = Assert.Throws<OptionsValidationException>(() => _collectors.Check(options));

        Assert.That(error!.Failures, Is.EqualTo(new[] { "agent.tiers.cpuu names no collector; collectors are: cpu, df, ntp" }));
    }

    [Test]
    public void TierNames_AreMatchedIgnoringCase()
    {
        var options = AgentTestOptions.Create(o => o.Tiers["CPU"] = 30).Value;

        Assert.That(_collectors.Problems(options), Is.Empty);
    }

    [Test]
    public void TwoCollectorsWithOneName_AreAProblem()
    {
        var collectors = new AgentCollectors([TestCollector.Gauge("cpu", 10)], [new CollectorGroup([TestCollector.Gauge("cpu", 10)])]);

        Assert.That(collectors.Problems(AgentTestOptions.Create().Value), Has.One.Contains("2 collectors are named 'cpu'"));
    }
}
