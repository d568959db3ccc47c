using System.Net;
using Falcon.Shared.Wire;

namespace Falcon.Tests.Shared.Wire;

public sealed class WireEndpointTests
{
    [TestCase("127.0.0.1:6030", "127.0.0.1", 6030)]
    [TestCase(":6030", "", 6030)]
    [TestCase("0.0.0.0:8433", "0.0.0.0", 8433)]
    [TestCase("[::1]:6030", "::1", 6030)]
    [TestCase("hbs.example:0", "hbs.example", 0)]
    public void Parse_SplitsGoStyleAddresses(string address, string host, int port) =>
        Assert.That(WireEndpoint.Parse(address), Is.EqualTo((host, port)));

    [TestCase("6030")]
    [TestCase("::1:6030")]
    [TestCase("host:")]
    [TestCase("host:70000")]
    [TestCase("host:-1")]
    public void Parse_WhenNotHostAndPort_Throws(string address) =>
        Assert.That(() => WireEndpoint.Parse(address), Throws.InstanceOf<FormatException>());

    [Test]
    public void ResolveListen_WithAnEmptyHost_ListensOnEveryInterface() =>
        Assert.That(WireEndpoint.ResolveListen(":6030").Address, Is.AnyOf(IPAddress.Any, IPAddress.IPv6Any));

    [Test]
    public void ResolveListen_WithLocalhost_PrefersIPv4LikeGo() =>
        Assert.That(WireEndpoint.ResolveListen("localhost:6030"), Is.EqualTo(new IPEndPoint(IPAddress.Loopback, 6030)));

    [Test]
    public void Format_ShowsIPv4MappedAddressesAsIPv4() =>
        Assert.That(WireEndpoint.Format(new IPEndPoint(IPAddress.Loopback.MapToIPv6(), 80)), Is.EqualTo("127.0.0.1:80"));
}
