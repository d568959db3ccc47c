using Falcon.Roles.Agent;
using Falcon.Roles.Agent.Collectors;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Roles.Agent.Collectors;

public class CollectorCatalogTests
{
    [Test]
    public void Create_BuildsEveryCollectorWithUniqueNamesInTheFourTiers()
    {
        using var client = new HttpClient();

        var collectors = CollectorCatalog.Create(new CollectorOptions(), new BuiltinMetricSet(), new FakeTimeProvider(), client, "host");

        var tiers = collectors.ToDictionary(c => c.Name, c => c.DefaultIntervalSeconds);
        Assert.That(tiers, Is.EqualTo(new Dictionary<string, int>
        {
            ["cpu"] = 10,
            ["mem"] = 30, ["load"] = 30, ["kernel"] = 30, ["diskio"] = 30, ["net"] = 30, ["netstat"] = 30, ["udp"] = 30, ["ss"] = 30,
            ["df"] = 60, ["uptime"] = 60, ["port"] = 60, ["proc"] = 60, ["du"] = 60, ["url"] = 60,
            ["agent"] = 120,
        }));
    }

    [Test]
    public void Options_DefaultsAreValid()
    {
        var options = new CollectorOptions();

        Assert.Multiple(() =>
        {
            Assert.That(new AgentOptionsValidator().Validate(null, new AgentOptions { Collector = options }).Succeeded, Is.True, "validated as part of the agent section");
            Assert.That(options.PerCore, Is.False);
            Assert.That(options.IfacePrefix, Is.Empty);
            Assert.That(options.ProcRoot, Is.EqualTo("/proc"));
        });
    }

    [Test]
    public void Options_BadValuesGiveMessagesNamingTheKey()
    {
        var options = new CollectorOptions { ProcRoot = "proc", SysRoot = "", DuTimeout = TimeSpan.Zero, UrlMaxTimeout = TimeSpan.FromHours(1) };

        // agent.collector is validated as a member of the agent section, as start-up does.
        var result = new AgentOptionsValidator().Validate(null, new AgentOptions { Collector = options });

        Assert.That(result.FailureMessage, Does.Contain("agent.collector.procRoot must be an absolute path, got 'proc'")
            .And.Contain("agent.collector.sysRoot must be an absolute path, got ''")
            .And.Contain("agent.collector.duTimeout must be between 00:00:01 and 00:10:00, got 00:00:00")
            .And.Contain("agent.collector.urlMaxTimeout must be between 00:00:01 and 00:05:00, got 01:00:00"));
    }
}
