namespace Falcon.Shared.Wire;

/// <summary>Timeouts, reconnect backoff and failover of a <see cref="JsonRpcClient"/>.</summary>
internal sealed class JsonRpcClientOptions
{
    /// <summary>Time allowed for one call, connecting included (Go's agent hard-codes 10 s).</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for one TCP connect to one address.</summary>
    public TimeSpan DialTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Wait after every address failed once; doubled after each further failed round.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the doubling <see cref="ReconnectDelay"/>.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Start at a random address instead of the first (spreads agents over transfers).</summary>
    public bool RandomizeStart { get; set; }

    /// <summary>Largest reply accepted; a larger one breaks the connection.</summary>
    public int MaxFrameBytes { get; set; } = 64 * 1024 * 1024;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CallTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DialTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReconnectDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxReconnectDelay, ReconnectDelay);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxFrameBytes);
    }
}
