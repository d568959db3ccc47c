using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Falcon.Roles.Agent.Ntp;

namespace Falcon.Tests.Roles.Agent.Ntp;

/// <summary>A real SNTP server on a loopback UDP port whose clock runs <see cref="ClockOffset"/> away from this machine's.</summary>
internal sealed class SntpResponder : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SntpResponder(TimeSpan clockOffset, Func<byte[], byte[]>? tamper = null)
    {
        ClockOffset = clockOffset;
        _loop = Task.Run(() => ServeAsync(tamper));
    }

    public TimeSpan ClockOffset { get; }

    public int Requests { get; private set; }

    public NtpServerAddress Address => new("127.0.0.1", ((IPEndPoint)_udp.Client.LocalEndPoint!).Port);

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the socket's disposal.
        }

        _stop.Dispose();
    }

    private async Task ServeAsync(Func<byte[], byte[]>? tamper)
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult request;
            try
            {
                request = await _udp.ReceiveAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Requests++;
            var received = NtpTimestamp.FromTime(DateTimeOffset.UtcNow + ClockOffset);
            var reply = new byte[48];
            reply[0] = 0b00_100_100; // LI 0, version 4, mode 4 (server)
            reply[1] = 2; // stratum
            request.Buffer.AsSpan(40, 8).CopyTo(reply.AsSpan(24)); // originate = the client's transmit time
            BinaryPrimitives.WriteUInt64BigEndian(reply.AsSpan(32), received);
            BinaryPrimitives.WriteUInt64BigEndian(reply.AsSpan(40), NtpTimestamp.FromTime(DateTimeOffset.UtcNow + ClockOffset));
            if (tamper is not null)
            {
                reply = tamper(reply);
            }

            await _udp.SendAsync(reply, request.RemoteEndPoint, _stop.Token);
        }
    }
}
