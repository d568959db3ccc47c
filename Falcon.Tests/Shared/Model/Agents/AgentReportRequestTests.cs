using System.Text.Json;
using Falcon.Shared.Model.Agents;

namespace Falcon.Tests.Shared.Model.Agents;

public sealed class AgentReportRequestTests
{
    [Test]
    public void Serialize_WithoutAnUpgradeOutcome_IsTheForksShapeExactly()
    {
        var request = new AgentReportRequest { Hostname = "web-01", IP = "10.0.0.1", AgentVersion = "7.0.0", PluginVersion = "plugin not enabled" };

        var json = JsonSerializer.Serialize(request, AgentJsonContext.Default.AgentReportRequest);

        Assert.That(json, Is.EqualTo("""{"Hostname":"web-01","IP":"10.0.0.1","AgentVersion":"7.0.0","PluginVersion":"plugin not enabled","InUpgrading":false}"""));
    }

    [Test]
    public void Deserialize_AFalconAgentsReport_ReadsTheOutcome_AndAGoAgentsReportHasNone()
    {
        const string falcon = """{"Hostname":"web-01","IP":"10.0.0.1","AgentVersion":"7.0.0","PluginVersion":"","InUpgrading":false,"FalconUpgrade":{"version":"7.1.0","result":"rolledBack","reason":"rolled back by the watchdog: 3 starts used up","at":1765000000000}}""";
        const string go = """{"Hostname":"web-02","IP":"10.0.0.2","AgentVersion":"6.1.0","PluginVersion":""}""";

        var withOutcome = JsonSerializer.Deserialize(falcon, AgentJsonContext.Default.AgentReportRequest)!;
        var withoutOutcome = JsonSerializer.Deserialize(go, AgentJsonContext.Default.AgentReportRequest)!;

        Assert.Multiple(() =>
        {
            Assert.That(withOutcome.Upgrade!.Result, Is.EqualTo(AgentUpgradeOutcome.RolledBack));
            Assert.That(withOutcome.Upgrade.Reason, Is.EqualTo("rolled back by the watchdog: 3 starts used up"));
            Assert.That(withOutcome.Upgrade.At, Is.EqualTo(1765000000000));
            Assert.That(withoutOutcome.Upgrade, Is.Null);
        });
    }
}
