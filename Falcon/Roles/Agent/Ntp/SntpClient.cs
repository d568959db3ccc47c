using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Falcon.Roles.Agent.Ntp;

/// <summary>An SNTP v4 client (RFC 4330) over UDP: one request, one reply, checked and turned into an offset.</summary>
internal sealed class SntpClient(TimeProvider time)
{
    private const int PacketLength = 48;

    /// <summary>Asks <paramref name="server"/> for its time; throws <see cref="SntpException"/> when it gives no usable answer within <paramref name="timeout"/>.</summary>
    public async Task<SntpSample> QueryAsync(NtpServerAddress server, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await ExchangeAsync(server, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SntpException($"no answer within {timeout.TotalMilliseconds:0} ms");
        }
        catch (SocketException e)
        {
            throw new SntpException(e.Message, e);
        }
    }

    private async Task<SntpSample> ExchangeAsync(NtpServerAddress server, CancellationToken cancellationToken)
    {
        var address = IPAddress.TryParse(server.Host, out var literal)
            ? literal
            : (await Dns.GetHostAddressesAsync(server.Host, cancellationToken)).FirstOrDefault()
                ?? throw new SntpException($"'{server.Host}' has no address");
        using var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        // Connected, so the kernel drops datagrams from other sources and an ICMP "port unreachable" ends the wait early.
        await socket.ConnectAsync(new IPEndPoint(address, server.Port), cancellationToken);

        var request = new byte[PacketLength];
        request[0] = 0b00_100_011; // LI 0, version 4, mode 3 (client)
        var t1 = time.GetUtcNow();
        var originate = NtpTimestamp.FromTime(t1);
        BinaryPrimitives.WriteUInt64BigEndian(request.AsSpan(40), originate);
        await socket.SendAsync(request, SocketFlags.None, cancellationToken);

        var reply = new byte[512];
        while (true)
        {
            var length = await socket.ReceiveAsync(reply, SocketFlags.None, cancellationToken);
            var t4 = time.GetUtcNow();
            // A reply that does not echo our transmit time answers an older request (or is forged): wait for ours.
            if (length >= PacketLength && BinaryPrimitives.ReadUInt64BigEndian(reply.AsSpan(24)) == originate)
            {
                return Interpret(server, reply.AsSpan(0, length), t1, t4);
            }
        }
    }

    /// <summary>Checks a reply as RFC 4330 section 5 asks and computes the offset from the four timestamps.</summary>
    internal static SntpSample Interpret(NtpServerAddress server, ReadOnlySpan<byte> reply, DateTimeOffset t1, DateTimeOffset t4)
    {
        if (reply.Length < PacketLength)
        {
            throw new SntpException($"reply of {reply.Length} bytes is shorter than {PacketLength}");
        }

        var leap = reply[0] >> 6;
        var version = (reply[0] >> 3) & 0b111;
        var mode = reply[0] & 0b111;
        var stratum = reply[1];
        if (mode is not (4 or 5))
        {
            throw new SntpException($"reply has mode {mode}, not a server's");
        }

        if (version is < 1 or > 4)
        {
            throw new SntpException($"reply has NTP version {version}");
        }

        if (stratum == 0)
        {
            // A kiss-o'-death packet: the server tells us to go away (RATE, DENY...).
            throw new SntpException($"server refused the request (kiss code '{System.Text.Encoding.ASCII.GetString(reply.Slice(12, 4))}')");
        }

        if (leap == 3 || stratum > 15)
        {
            throw new SntpException("server's own clock is not synchronised");
        }

        var receiveRaw = BinaryPrimitives.ReadUInt64BigEndian(reply[32..]);
        var transmitRaw = BinaryPrimitives.ReadUInt64BigEndian(reply[40..]);
        if (receiveRaw == 0 || transmitRaw == 0)
        {
            throw new SntpException("reply carries no receive or transmit time");
        }

        var t2 = NtpTimestamp.ToTime(receiveRaw);
        var t3 = NtpTimestamp.ToTime(transmitRaw);
        // RFC 4330 computes the server's clock minus ours; Falcon reports ours minus the server's (positive: ahead).
        var localAhead = ((t1 - t2) + (t4 - t3)) / 2;
        var roundTrip = (t4 - t1) - (t3 - t2);
        return new SntpSample(server, localAhead, roundTrip < TimeSpan.Zero ? TimeSpan.Zero : roundTrip);
    }
}
