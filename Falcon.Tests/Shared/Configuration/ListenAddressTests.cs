using System.Net;
using Falcon.Shared.Configuration;

namespace Falcon.Tests.Shared.Configuration;

public sealed class ListenAddressTests
{
    [TestCase("0.0.0.0:6030", "0.0.0.0", 6030)]
    [TestCase(":6031", "0.0.0.0", 6031)]
    [TestCase("127.0.0.1:0", "127.0.0.1", 0)]
    [TestCase("localhost:1988", "127.0.0.1", 1988)]
    [TestCase("[::1]:8433", "::1", 8433)]
    public void TryParse_AcceptsOpenFalconForms(string text, string address, int port)
    {
        Assert.That(ListenAddress.TryParse(text, out var endPoint), Is.True);
        Assert.That(endPoint, Is.EqualTo(new IPEndPoint(IPAddress.Parse(address), port)));
    }

    [TestCase("")]
    [TestCase("6030")]
    [TestCase("host.example:6030")]
    [TestCase("0.0.0.0:70000")]
    [TestCase("0.0.0.0:-1")]
    public void TryParse_RefusesWhatKestrelCannotBind(string text)
    {
        Assert.That(ListenAddress.TryParse(text, out _), Is.False);
    }
}
