using Falcon.Roles.Agent;

namespace Falcon.Tests.Roles.Agent;

public sealed class AgentOptionsTests
{
    [Test]
    public void Defaults_AreValid_AndPointAtTheLocalHbsAndTransfer()
    {
        var options = AgentTestOptions.Create().Value;

        Assert.Multiple(() =>
        {
            Assert.That(Problems(options), Is.Empty);
            Assert.That((options.Hbs.Single(), options.Transfer.Single(), options.HttpListen), Is.EqualTo(("127.0.0.1:6030", "127.0.0.1:8433", "127.0.0.1:1988")));
            Assert.That(options.SelfUpgrade, Is.Null, "unset: on for an agent alone, off beside server roles");
        });
    }

    [Test]
    public void ATierThatIsNotOneOfTheFour_IsRefusedNamingTheKey()
    {
        var options = AgentTestOptions.Create(o => o.Tiers["cpu"] = 45).Value;

        Assert.That(Problems(options), Is.EqualTo(new[] { "agent.tiers.cpu must be one of 10, 30, 60, 120 (seconds), got 45" }));
    }

    [Test]
    public void AttributeChecks_NameTheKeyAndTheValue()
    {
        var options = AgentTestOptions.Create(o =>
        {
            o.HttpListen = "nowhere";
            o.BufferSize = 0;
            o.Collector.ProcRoot = "proc";
        }).Value;

        var result = new AgentOptionsValidator().Validate(null, options);

        Assert.Multiple(() =>
        {
            Assert.That(result.Failed, Is.True);
            Assert.That(result.Failures, Has.One.Contains("agent.httpListen must be host:port"));
            Assert.That(result.Failures, Has.One.Contains("agent.bufferSize must be between 1 and 10000000, got 0"));
            Assert.That(result.Failures, Has.One.Contains("agent.collector.procRoot"));
        });
    }

    [Test]
    public void BadAddressesAndDefaultTags_AreRefusedEachWithItsKey()
    {
        var options = AgentTestOptions.Create(o =>
        {
            o.Transfer.Add("transfer-without-port");
            o.Hbs.Add(":6030");
            o.DefaultTags["idc"] = "bj,sh";
        }).Value;

        var problems = Problems(options);

        Assert.Multiple(() =>
        {
            Assert.That(problems, Has.Count.EqualTo(3));
            Assert.That(problems, Has.One.StartsWith("agent.transfer[0] must be host:port"));
            Assert.That(problems, Has.One.StartsWith("agent.hbs[0] must be host:port with a host and a port"));
            Assert.That(problems, Has.One.StartsWith("agent.defaultTags.idc must have a key and value without"));
        });
    }

    private static List<string> Problems(AgentOptions options)
    {
        var result = new AgentOptionsRules().Validate(null, options);
        return result.Failed ? [.. result.Failures!] : [];
    }
}
