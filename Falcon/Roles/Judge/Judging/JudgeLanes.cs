using System.Threading.Channels;
using Falcon.Shared.Judging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Judge.Judging;

/// <summary>
/// The judge's queue: <see cref="JudgeOptions.Workers"/> lanes, each judging its share of the series in order. Items go
/// to a lane by a hash of their series, so one series is never judged by two lanes at once. The number of queued points
/// is bounded; a batch that does not fit is dropped and counted, and the caller (transfer's ingest) is never blocked.
/// </summary>
internal sealed class JudgeLanes : IJudgeFeed, IHostedService, IDisposable
{
    private readonly Channel<IReadOnlyList<JudgeItem>>[] _lanes;
    private readonly JudgeEngine _engine;
    private readonly JudgeOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly JudgeMetrics _metrics;
    private readonly ILogger<JudgeLanes> _logger;
    private readonly CancellationTokenSource _abandon = new();
    private Task[] _workers = [];
    private Task _purge = Task.CompletedTask;
    private long _queued;
    private volatile JudgeShare? _share;

    public JudgeLanes(JudgeEngine engine, IOptions<JudgeOptions> options, TimeProvider timeProvider, JudgeMetrics metrics, ILogger<JudgeLanes> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        _engine = engine;
        _options = options.Value;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger;
        _lanes = new Channel<IReadOnlyList<JudgeItem>>[_options.Workers];
        for (var i = 0; i < _lanes.Length; i++)
        {
            // Unbounded as a channel, bounded in points by _queued, which counts what a batch holds.
            _lanes[i] = Channel.CreateUnbounded<IReadOnlyList<JudgeItem>>(new UnboundedChannelOptions { SingleReader = true });
        }

        metrics.ObserveQueue(() => Interlocked.Read(ref _queued));
        metrics.ObserveSeries(() => engine.SeriesCount);
    }

    /// <summary>How long stopping keeps judging what is queued before it gives up on it.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The series transfer routes here, as the last transfer to say so told; null until one has.</summary>
    public JudgeShare? Share => _share;

    /// <summary>Points queued and not judged yet.</summary>
    public long Queued => Interlocked.Read(ref _queued);

    public int Enqueue(IReadOnlyList<JudgeItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return 0;
        }

        _metrics.Received(items.Count);
        if (Interlocked.Add(ref _queued, items.Count) > _options.QueueCapacity)
        {
            Interlocked.Add(ref _queued, -items.Count);
            _metrics.Dropped(items.Count);
            return items.Count;
        }

        if (_lanes.Length == 1)
        {
            Write(0, items);
            return 0;
        }

        var shares = new List<JudgeItem>?[_lanes.Length];
        foreach (var item in items)
        {
            var lane = LaneOf(item);
            (shares[lane] ??= new List<JudgeItem>(items.Count / _lanes.Length + 1)).Add(item);
        }

        for (var i = 0; i < shares.Length; i++)
        {
            if (shares[i] is { } share)
            {
                Write(i, share);
            }
        }

        return 0;
    }

    public void AssignShare(JudgeShare share)
    {
        ArgumentNullException.ThrowIfNull(share);
        var previous = Interlocked.Exchange(ref _share, share);
        if (previous is null || !previous.SameAs(share))
        {
            Log.ShareAssigned(_logger, share.ToString());
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _workers = _lanes.Select(lane => Task.Run(() => RunLaneAsync(lane.Reader, _abandon.Token), CancellationToken.None)).ToArray();
        _purge = Task.Run(() => PurgeAsync(_abandon.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }

        try
        {
            await Task.WhenAll(_workers).WaitAsync(DrainTimeout, _timeProvider, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            Log.PointsAbandonedAtStop(_logger, Queued);
        }
        finally
        {
            await _abandon.CancelAsync();
            await _purge.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => _abandon.Dispose();

    private int LaneOf(JudgeItem item) =>
        (int)((uint)HashCode.Combine(item.Endpoint, item.Metric, item.Tags) % (uint)_lanes.Length);

    private void Write(int lane, IReadOnlyList<JudgeItem> items)
    {
        if (!_lanes[lane].Writer.TryWrite(items))
        {
            // Only after stop began: the lanes are closed and nothing will judge these.
            Interlocked.Add(ref _queued, -items.Count);
            _metrics.Dropped(items.Count);
        }
    }

    private async Task RunLaneAsync(ChannelReader<IReadOnlyList<JudgeItem>> reader, CancellationToken abandon)
    {
        try
        {
            await foreach (var batch in reader.ReadAllAsync(abandon))
            {
                try
                {
                    await _engine.JudgeAsync(batch, abandon);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !abandon.IsCancellationRequested)
                {
                    Log.BatchFailed(_logger, batch.Count, ex);
                }
                finally
                {
                    Interlocked.Add(ref _queued, -batch.Count);
                }
            }
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            // Stop gave up; what was left was logged there.
        }
    }

    private async Task PurgeAsync(CancellationToken abandon)
    {
        // Go purges every 5 hours; an hour (or the idle timeout, when shorter) keeps memory closer to the live series.
        var interval = _options.SeriesIdleTimeout < TimeSpan.FromHours(1) ? _options.SeriesIdleTimeout : TimeSpan.FromHours(1);
        using var timer = new PeriodicTimer(interval, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(abandon))
            {
                var removed = _engine.PurgeIdle();
                if (removed > 0)
                {
                    Log.SeriesPurged(_logger, removed);
                }
            }
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
