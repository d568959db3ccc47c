using Falcon.Cli.Http;
using Falcon.Cli.Silence;
using Falcon.Shared.Configuration;

namespace Falcon.Tests.Cli.Silence;

public sealed class SilenceTargetTests
{
    [TestCase("0.0.0.0:9912", "http://127.0.0.1:9912/")]
    [TestCase("[::]:9912", "http://[::1]:9912/")]
    [TestCase("10.0.0.5:19912", "http://10.0.0.5:19912/")]
    public void FromListen_ReachesAWildcardListenerOverLoopback(string listen, string expected) =>
        Assert.That(RoleApiTarget.FromListen(SilenceCommand.Api, listen).ToString(), Is.EqualTo(expected));

    [TestCase("alarm1:9912", "http://alarm1:9912/")]
    [TestCase("http://alarm1:9912", "http://alarm1:9912/")]
    [TestCase("https://alarm.example.com/ignored/path", "https://alarm.example.com/")]
    public void FromOption_TakesAUrlOrHostPort(string url, string expected) =>
        Assert.That(RoleApiTarget.FromOption(SilenceCommand.Api, url).ToString(), Is.EqualTo(expected));

    [Test]
    public void BadAddresses_SayWhatToPass()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => RoleApiTarget.FromListen(SilenceCommand.Api, "nonsense"), Throws.TypeOf<ConfigurationException>().With.Message.Contains("alarm.httpListen 'nonsense'").And.Message.Contains("--url"));
            Assert.That(() => RoleApiTarget.FromOption(SilenceCommand.Api, "ftp://alarm1"), Throws.TypeOf<ConfigurationException>().With.Message.Contains("--url 'ftp://alarm1'"));
        });
    }
}
