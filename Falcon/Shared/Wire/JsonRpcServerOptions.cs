namespace Falcon.Shared.Wire;

/// <summary>Limits of a <see cref="JsonRpcServer"/>.</summary>
internal sealed class JsonRpcServerOptions
{
    internal const int DefaultReadBufferBytes = 4096;

    /// <summary>Largest request accepted; a larger one closes the connection after an error reply.</summary>
    public int MaxFrameBytes { get; set; } = 1024 * 1024;

    /// <summary>A connection with no traffic in either direction for this long is closed.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Connections beyond this many are closed as soon as they are accepted.</summary>
    public int MaxConnections { get; set; } = 10_000;

    /// <summary>Once a request has started arriving, the time it has to arrive whole; a slower sender is disconnected.</summary>
    public TimeSpan FrameTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Bytes of unfinished requests held across all connections; beyond, the connections holding the oldest are closed.</summary>
    public long MaxPendingFrameBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Requests processed at once per connection; at the limit the server stops reading that socket.</summary>
    public int MaxInFlightPerConnection { get; set; } = 64;

    /// <summary>
    /// Bytes read from the socket at a time. The 4 KiB default suits small requests such as heartbeats; a server whose
    /// requests are larger (transfer's 30 KB pushes) reads each in one piece with more, and then waits for data before
    /// taking a buffer, so its idle connections hold none.
    /// </summary>
    public int ReadBufferBytes { get; set; } = DefaultReadBufferBytes;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxFrameBytes);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(IdleTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxConnections);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxInFlightPerConnection);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FrameTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPendingFrameBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReadBufferBytes, 512);
    }
}
