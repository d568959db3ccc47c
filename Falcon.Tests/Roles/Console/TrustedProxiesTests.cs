using System.ComponentModel.DataAnnotations;
using System.Net;
using Falcon.Roles.Console;
using Falcon.Roles.Console.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Roles.Console;

/// <summary>
/// Which address the console takes as the client's: the socket's, unless the socket is a trusted proxy; then the
/// right-most X-Forwarded-For entry that is not a trusted proxy, so what a client writes into the header is never taken.
/// </summary>
public sealed class TrustedProxiesTests
{
    [TestCase("203.0.113.5", null, "203.0.113.5", TestName = "NoHeader_TheSocketIsTheClient")]
    [TestCase("203.0.113.5", "198.51.100.7", "203.0.113.5", TestName = "AnUntrustedSocket_SendingTheHeader_IsStillItself")]
    [TestCase("10.0.0.5", "198.51.100.7", "198.51.100.7", TestName = "TheTrustedProxy_NamesTheClient")]
    [TestCase("10.0.0.5", "1.2.3.4, 198.51.100.7", "198.51.100.7", TestName = "WhatTheClientWroteIntoTheHeader_StaysOnTheLeft_AndIsNotTaken")]
    [TestCase("10.0.0.5", "198.51.100.7, 10.0.0.9", "198.51.100.7", TestName = "TwoTrustedProxiesInARow_AreWalkedThrough")]
    [TestCase("10.0.0.5", "10.0.0.9, 10.0.0.8", "10.0.0.9", TestName = "OnlyTrustedProxiesInTheHeader_TheLeftMostIsTheAnswer")]
    [TestCase("10.0.0.5", "198.51.100.7, unknown", "10.0.0.5", TestName = "AnEntryThatIsNotAnAddress_StopsAtTheProxy")]
    [TestCase("10.0.0.5", "198.51.100.7:41000", "198.51.100.7", TestName = "AnIPv4EntryWithAPort")]
    [TestCase("10.0.0.5", "[2001:db8::7]:41000", "2001:db8::7", TestName = "ABracketedIPv6EntryWithAPort")]
    [TestCase("10.0.0.5", "2001:db8::7", "2001:db8::7", TestName = "AnIPv6Entry")]
    [TestCase("::ffff:10.0.0.5", "198.51.100.7", "198.51.100.7", TestName = "AnIPv4MappedSocketAddress_MatchesTheIPv4Network")]
    [TestCase("127.0.0.1", "198.51.100.7", "198.51.100.7", TestName = "ASingleTrustedAddress")]
    public void ClientAddress(string socket, string? forwardedFor, string expected)
    {
        var context = Request(socket, forwardedFor);

        Assert.That(Proxies("10.0.0.0/24", "127.0.0.1").ClientAddress(context), Is.EqualTo(expected));
    }

    [Test]
    public void WithNoProxiesConfigured_TheHeaderIsIgnored()
    {
        Assert.That(Proxies().ClientAddress(Request("127.0.0.1", "198.51.100.7")), Is.EqualTo("127.0.0.1"));
    }

    [Test]
    public void AHeaderListingManyHops_IsWalkedNoFurtherThanSixteen()
    {
        var hops = string.Join(", ", new[] { "198.51.100.1" }.Concat(Enumerable.Repeat("10.0.0.9", 20)));

        Assert.That(Proxies("10.0.0.0/24").ClientAddress(Request("10.0.0.5", hops)), Is.EqualTo("10.0.0.9"));
    }

    [TestCase("10.0.0.5", "https", true)]
    [TestCase("10.0.0.5", "http", false)]
    [TestCase("10.0.0.5", "http, https", true)]
    [TestCase("10.0.0.5", "https, http", false)]
    [TestCase("203.0.113.5", "https", false)]
    public void ForwardedProto_IsBelievedOnlyFromATrustedProxy_TheNearestWord(string socket, string proto, bool https)
    {
        var context = Request(socket, null);
        context.Request.Headers["X-Forwarded-Proto"] = proto;

        Assert.That(Proxies("10.0.0.0/24").IsHttps(context), Is.EqualTo(https));
    }

    [TestCase("10.0.0.5", true)]
    [TestCase("10.0.0.0/8", true)]
    [TestCase("fd00::/8", true)]
    [TestCase(" 2001:db8::1 ", true)]
    [TestCase("10.0.0.0/33", false)]
    [TestCase("proxy.example", false)]
    [TestCase("", false)]
    public void Parse(string text, bool parses) => Assert.That(TrustedProxies.TryParse(text, out _), Is.EqualTo(parses));

    [Test]
    public void AnOptionThatIsNotAnAddress_IsRefusedByName()
    {
        var options = new ConsoleOptions { TrustedProxies = ["10.0.0.5", "proxy.example"] };

        var problems = options.Validate(new ValidationContext(options)).Select(static r => r.ErrorMessage).ToList();

        Assert.That(problems, Has.One.Contains("console.trustedProxies: 'proxy.example'"));
    }

    private static TrustedProxies Proxies(params string[] networks) =>
        new(Options.Create(new ConsoleOptions { TrustedProxies = [.. networks] }));

    private static DefaultHttpContext Request(string socket, string? forwardedFor)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(socket);
        if (forwardedFor is not null)
        {
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        return context;
    }
}
