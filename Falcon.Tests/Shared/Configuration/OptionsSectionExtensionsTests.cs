using Falcon.Shared.Configuration;
using Falcon.Hosting.Configuration;


namespace Falcon.Tests.Shared.Configuration;

public sealed class OptionsSectionExtensionsTests
{
    [TestCase("Password", "hunter2", "****")]
    [TestCase("ApiToken", "abc", "****")]
    [TestCase("Portal", "Server=db;User ID=falcon;Password=hunter2;Database=falcon_portal", "Server=db;User ID=falcon;Password=****;Database=falcon_portal")]
    [TestCase("Connection", "10.0.0.1:6379,password=hunter2,ssl=false", "10.0.0.1:6379,password=****,ssl=false")]
    [TestCase("Url", "http://bot:hunter2@im.example/hook", "http://bot:****@im.example/hook")]
    [TestCase("Listen", "0.0.0.0:6030", "0.0.0.0:6030")]
    public void Mask_HidesSecretsAndKeepsTheRest(string name, string value, string expected)
    {
        Assert.That(OptionsSectionExtensions.Mask(name, value), Is.EqualTo(expected));
    }

    [Test]
    public void Describe_FlattensPropertiesUnderTheSectionWithCamelCaseKeys()
    {
        var lines = OptionsSectionExtensions.Describe("host", new HostingOptions { Instance = "a1", ShutdownTimeout = TimeSpan.FromSeconds(5) })
            .ToDictionary(p => p.Key, p => p.Value);

        Assert.That(lines, Is.EqualTo(new Dictionary<string, string>
        {
            ["host.instance"] = "a1",
            ["host.shutdownTimeout"] = "00:00:05",
            ["host.adminToken"] = string.Empty,
        }));
    }
}
