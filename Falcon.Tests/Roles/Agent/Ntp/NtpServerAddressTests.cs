using Falcon.Roles.Agent.Ntp;

namespace Falcon.Tests.Roles.Agent.Ntp;

public sealed class NtpServerAddressTests
{
    [TestCase("ntp.example.org", "ntp.example.org", 123)]
    [TestCase("10.0.0.1:1123", "10.0.0.1", 1123)]
    [TestCase("::1", "::1", 123)]
    [TestCase("[::1]:2123", "::1", 2123)]
    [TestCase(" time.local ", "time.local", 123)]
    public void TryParse_OfAValidEntry_GivesHostAndPort(string text, string host, int port)
    {
        Assert.That(NtpServerAddress.TryParse(text, out var address, out _), Is.True);
        Assert.That(address, Is.EqualTo(new NtpServerAddress(host, port)));
    }

    [TestCase("", "is empty")]
    [TestCase("host:0", "port")]
    [TestCase("host:ntp", "port")]
    [TestCase("host:70000", "port")]
    [TestCase(":123", "no valid host")]
    [TestCase("[::1", "[IPv6]:port")]
    [TestCase("a b", "no valid host")]
    public void TryParse_OfABadEntry_SaysWhatIsWrong(string text, string problem)
    {
        Assert.That(NtpServerAddress.TryParse(text, out _, out var message), Is.False);
        Assert.That(message, Does.Contain(problem));
    }

    [Test]
    public void Validator_NamesTheKeyAndTheBadServer()
    {
        var options = new NtpOptions { Servers = ["127.0.0.1", "host:99999"] };

        var result = new NtpOptionsValidator().Validate(null, options);

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("agent.ntp.servers").And.Contain("host:99999"));
    }

    [Test]
    public void Validator_RefusesATimeoutOfZero()
    {
        var result = new NtpOptionsValidator().Validate(null, new NtpOptions { Timeout = TimeSpan.Zero });

        Assert.That(result.FailureMessage, Does.Contain("agent.ntp.timeout"));
    }
}
