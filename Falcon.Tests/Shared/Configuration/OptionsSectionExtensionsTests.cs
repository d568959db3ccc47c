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

        using (Assert.EnterMultipleScope())
        {
            Assert.That(lines, Does.ContainKey("host.instance").WithValue("a1"));
            Assert.That(lines, Does.ContainKey("host.shutdownTimeout").WithValue("00:00:05"));
            Assert.That(lines, Does.ContainKey("host.adminToken").WithValue(string.Empty));
            Assert.That(lines, Does.ContainKey("host.trustLoopback").WithValue("true"));
            // One line per property of the options class, each under the section with a camelCase name.
            Assert.That(lines.Keys, Has.Count.EqualTo(typeof(HostingOptions).GetProperties().Length));
            Assert.That(lines.Keys, Has.All.Match(@"^host\.[a-z][A-Za-z]*$"));
        }
    }
}
