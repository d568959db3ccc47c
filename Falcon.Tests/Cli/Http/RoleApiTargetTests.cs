using Falcon.Cli.Http;
using Falcon.Cli.Upgrade;
using Falcon.Shared.Configuration;

namespace Falcon.Tests.Cli.Http;

public sealed class RoleApiTargetTests
{
    [TestCase("0.0.0.0:6031", "http://127.0.0.1:6031/")]
    [TestCase(":6031", "http://127.0.0.1:6031/")]
    [TestCase("[::]:6031", "http://[::1]:6031/")]
    [TestCase("10.0.0.5:16031", "http://10.0.0.5:16031/")]
    [TestCase("localhost:6031", "http://127.0.0.1:6031/")]
    public void FromListen_ReachesAWildcardListenerOverLoopback(string listen, string expected) =>
        Assert.That(RoleApiTarget.FromListen(UpgradeCommand.Api, listen).ToString(), Is.EqualTo(expected));

    [TestCase("hbs1:6031", "http://hbs1:6031/")]
    [TestCase("http://hbs1:6031", "http://hbs1:6031/")]
    [TestCase("https://hbs.example.com/ignored/path", "https://hbs.example.com/")]
    public void FromOption_TakesAUrlOrHostPort(string hbs, string expected) =>
        Assert.That(RoleApiTarget.FromOption(UpgradeCommand.Api, hbs).ToString(), Is.EqualTo(expected));

    [Test]
    public void BadAddresses_SayWhatToPass()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => RoleApiTarget.FromListen(UpgradeCommand.Api, "nonsense"), Throws.TypeOf<ConfigurationException>().With.Message.Contains("pass --hbs"));
            Assert.That(() => RoleApiTarget.FromOption(UpgradeCommand.Api, "ftp://hbs1"), Throws.TypeOf<ConfigurationException>().With.Message.Contains("--hbs 'ftp://hbs1'"));
        });
    }
}
