using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Falcon.Roles.Agent.Ntp;

namespace Falcon.Tests.Roles.Agent.Ntp;

public sealed class SntpClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    // Loopback round trips are well under a millisecond; the margin covers a busy test machine.
    private const double ToleranceMs = 50;

    [Test]
    public async Task Query_WhenServerClockIsAhead_ReportsTheLocalClockBehindAsNegative()
    {
        using var server = new SntpResponder(TimeSpan.FromSeconds(5));

        var sample = await new SntpClient(TimeProvider.System).QueryAsync(server.Address, Timeout, CancellationToken.None);

        Assert.That(sample.LocalClockAhead.TotalMilliseconds, Is.EqualTo(-5000).Within(ToleranceMs));
        Assert.That(sample.RoundTrip, Is.LessThan(TimeSpan.FromMilliseconds(ToleranceMs)));
    }

    [Test]
    public async Task Query_WhenServerClockIsBehind_ReportsTheLocalClockAheadAsPositive()
    {
        using var server = new SntpResponder(TimeSpan.FromMilliseconds(-3250));

        var sample = await new SntpClient(TimeProvider.System).QueryAsync(server.Address, Timeout, CancellationToken.None);

        Assert.That(sample.LocalClockAhead.TotalMilliseconds, Is.EqualTo(3250).Within(ToleranceMs));
    }

    [Test]
    public void Query_WhenNothingAnswers_FailsWithinTheTimeout()
    {
        // A bound socket that never replies: the request is delivered and silently ignored.
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var address = new NtpServerAddress("127.0.0.1", ((IPEndPoint)silent.Client.LocalEndPoint!).Port);
        var watch = Stopwatch.StartNew();

        var error = Assert.ThrowsAsync<SntpException>(() =>
            new SntpClient(TimeProvider.System).QueryAsync(address, TimeSpan.FromMilliseconds(300), CancellationToken.None));

        Assert.That(error.Message, Does.Contain("no answer within 300 ms"));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public void Query_WhenThePortIsClosed_FailsWithAnSntpError()
    {
        int port;
        using (var closed = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
        {
            port = ((IPEndPoint)closed.Client.LocalEndPoint!).Port;
        }

        Assert.ThrowsAsync<SntpException>(() =>
            new SntpClient(TimeProvider.System).QueryAsync(new NtpServerAddress("127.0.0.1", port), Timeout, CancellationToken.None));
    }

    [Test]
    public void Query_WhenTheServerSendsAKissOfDeath_RefusesTheAnswer()
    {
        using var server = new SntpResponder(TimeSpan.Zero, reply =>
        {
            reply[1] = 0;
            "RATE"u8.CopyTo(reply.AsSpan(12));
            return reply;
        });

        var error = Assert.ThrowsAsync<SntpException>(() =>
            new SntpClient(TimeProvider.System).QueryAsync(server.Address, Timeout, CancellationToken.None));

        Assert.That(error.Message, Does.Contain("RATE"));
    }

    [Test]
    public void Query_WhenTheReplyDoesNotEchoOurTransmitTime_IgnoresItAndTimesOut()
    {
        using var server = new SntpResponder(TimeSpan.Zero, reply =>
        {
            reply[24] ^= 0xFF;
            return reply;
        });

        Assert.ThrowsAsync<SntpException>(() =>
            new SntpClient(TimeProvider.System).QueryAsync(server.Address, TimeSpan.FromMilliseconds(300), CancellationToken.None));
        Assert.That(server.Requests, Is.EqualTo(1));
    }

    [Test]
    public void Interpret_WhenTheServerIsUnsynchronised_RefusesTheAnswer()
    {
        var now = DateTimeOffset.UtcNow;
        var reply = new byte[48];
        reply[0] = 0b11_100_100; // LI 3: alarm, clock not synchronised
        reply[1] = 3;
        new Random(1).NextBytes(reply.AsSpan(32, 16));

        var error = Assert.Throws<SntpException>(() =>
            SntpClient.Interpret(new NtpServerAddress("127.0.0.1", 123), reply, now, now));

        Assert.That(error.Message, Does.Contain("not synchronised"));
    }

    [Test]
    public void Interpret_WhenTheReplyIsTooShort_SaysSo()
    {
        var now = DateTimeOffset.UtcNow;

        var error = Assert.Throws<SntpException>(() =>
            SntpClient.Interpret(new NtpServerAddress("127.0.0.1", 123), new byte[20], now, now));

        Assert.That(error.Message, Does.Contain("20 bytes"));
    }
}
