using Falcon.Cli;
using Falcon.Hosting;

namespace Falcon.Tests.Cli;

public sealed class UpgradeTargetTests
{
    [TestCase("0.0.0.0:6031", "http://127.0.0.1:6031/")]
    [TestCase(":6031", "http://127.0.0.1:6031/")]
    [TestCase("[::]:6031", "http://[::1]:6031/")]
    [TestCase("10.0.0.5:16031", "http://10.0.0.5:16031/")]
    [TestCase("localhost:6031", "http://127.0.0.1:6031/")]
    public void FromListen_ReachesAWildcardListenerOverLoopback(string listen, string expected) =>
        Assert.That(UpgradeTarget.FromListen(listen).ToString(), Is.EqualTo(expected));

    [TestCase("hbs1:6031", "http://hbs1:6031/")]
    [TestCase("http://hbs1:6031", "http://hbs1:6031/")]
    [TestCase("https://hbs.example.com/ignored/path", "https://hbs.example.com/")]
    public void FromOption_TakesAUrlOrHostPort(string hbs, string expected) =>
        Assert.That(UpgradeTarget.FromOption(hbs).ToString(), Is.EqualTo(expected));

    [Test]
    public void BadAddresses_SayWhatToPass()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => UpgradeTarget.FromListen("nonsense"), Throws.TypeOf<ConfigurationException>().With.Message.Contains("pass --hbs"));
            Assert.That(() => UpgradeTarget.FromOption("ftp://hbs1"), Throws.TypeOf<ConfigurationException>().With.Message.Contains("--hbs 'ftp://hbs1'"));
        });
    }
}
