using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Falcon.Tests.Shared.Wire;

/// <summary>A plain TCP peer that sends and reads exact bytes, to check the wire format byte for byte.</summary>
internal sealed class RawJsonSocket : IAsyncDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly List<byte> _buffered = [];

    private RawJsonSocket(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    public static async Task<RawJsonSocket> ConnectAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint).WaitAsync(ReadTimeout);
        return new RawJsonSocket(socket);
    }

    public static RawJsonSocket Wrap(Socket accepted) => new(accepted);

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes).AsTask().WaitAsync(ReadTimeout);

    /// <summary>Reads up to and including the next '\n'.</summary>
    public async Task<string> ReadLineAsync()
    {
        while (true)
        {
            var newline = _buffered.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var line = Encoding.UTF8.GetString([.. _buffered[..(newline + 1)]]);
                _buffered.RemoveRange(0, newline + 1);
                return line;
            }

            if (await ReceiveAsync() == 0)
            {
                throw new EndOfStreamException($"closed; unread: {Encoding.UTF8.GetString([.. _buffered])}");
            }
        }
    }

    /// <summary>Reads until the peer closes (or resets) the connection; returns what arrived.</summary>
    public async Task<string> ReadToEndAsync()
    {
        try
        {
            while (await ReceiveAsync() > 0)
            {
            }
        }
        catch (IOException)
        {
            // A reset after unread input is a close too.
        }

        return Encoding.UTF8.GetString([.. _buffered]);
    }

    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    public async ValueTask DisposeAsync() => await _stream.DisposeAsync();

    private async Task<int> ReceiveAsync()
    {
        var chunk = new byte[4096];
        var read = await _stream.ReadAsync(chunk).AsTask().WaitAsync(ReadTimeout);
        _buffered.AddRange(chunk.AsSpan(0, read));
        return read;
    }
}
