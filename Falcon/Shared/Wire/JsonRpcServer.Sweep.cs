namespace Falcon.Shared.Wire;

/// <summary>
/// The slow-sender guard: twice a second, connections whose unfinished request is older than
/// <see cref="JsonRpcServerOptions.FrameTimeout"/> are closed, and while the listener's unfinished requests hold more
/// than <see cref="JsonRpcServerOptions.MaxPendingFrameBytes"/>, those that started longest ago are closed. Done by a
/// timer over the connections rather than on the read path, so a request read in one piece pays nothing for it.
/// </summary>
internal sealed partial class JsonRpcServer
{
    internal static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(500);

    private ITimer? _sweeper;
    private int _sweeping;

    private void StartSweeper() => _sweeper = TimeProvider.CreateTimer(_ => Sweep(), null, SweepInterval, SweepInterval);

    private void StopSweeper() => _sweeper?.Dispose();

    internal void Sweep()
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            var now = TimeProvider.GetTimestamp();
            long total = 0;
            List<JsonRpcServerConnection>? started = null;
            foreach (var connection in _connections.Keys)
            {
                var since = connection.PendingSince;
                if (since == 0)
                {
                    continue;
                }

                if (TimeProvider.GetElapsedTime(since, now) > Options.FrameTimeout)
                {
                    Close(connection, "frame_timeout", $"request not complete {Options.FrameTimeout.TotalSeconds:0.#} s after it started");
                    continue;
                }

                total += connection.PendingBytes;
                (started ??= []).Add(connection);
            }

            if (total <= Options.MaxPendingFrameBytes || started is null)
            {
                return;
            }

            foreach (var connection in started.OrderBy(c => c.PendingSince))
            {
                total -= connection.PendingBytes;
                Close(connection, "pending_bytes", $"the listener holds more than {Options.MaxPendingFrameBytes} bytes of unfinished requests");
                if (total <= Options.MaxPendingFrameBytes)
                {
                    break;
                }
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private void Close(JsonRpcServerConnection connection, string metric, string reason)
    {
        Metrics.ServerError(metric);
        Logger.SlowConnectionClosed(connection.Remote, reason);
        connection.Abort();
    }
}
