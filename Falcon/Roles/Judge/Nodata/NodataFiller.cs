using Falcon.Roles.Judge.Judging;
using Falcon.Roles.Judge.Matching;
using Falcon.Shared.Judging;
using Falcon.Shared.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Judge.Nodata;

/// <summary>
/// open-falcon's nodata inside the judge (docs/nodata.md). Every check it looks at the series `mockcfg` watches that
/// transfer routes to this judge; one without a real point for 3 steps (at least judge.nodata.minTimeout) gets its
/// row's mock value, at most once a step, judged in process like a point that arrived: the mock never leaves the judge,
/// so exactly the judge owning a series fills it, and the TSDB keeps only what agents sent.
/// </summary>
internal sealed class NodataFiller : BackgroundService
{
    private readonly MockConfigLoader _loader;
    private readonly JudgeEngine _engine;
    private readonly JudgeLanes _lanes;
    private readonly IJudgeRulesSource _rules;
    private readonly NodataOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly NodataMetrics _metrics;
    private readonly ILogger<NodataFiller> _logger;
    private readonly Dictionary<SeriesId, WatchState> _watched = [];
    private readonly Lock _gate = new();
    private Dictionary<SeriesId, MockConfig> _configs = [];
    private long _lastSyncTicks;
    private bool _shareMissingLogged;

    public NodataFiller(
        MockConfigLoader loader,
        JudgeEngine engine,
        JudgeLanes lanes,
        IJudgeRulesSource rules,
        IOptions<NodataOptions> options,
        TimeProvider timeProvider,
        NodataMetrics metrics,
        ILogger<NodataFiller> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        _loader = loader;
        _engine = engine;
        _lanes = lanes;
        _rules = rules;
        _options = options.Value;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger;
        metrics.ObserveWatched(() => Volatile.Read(ref _configs).Count);
    }

    /// <summary>The series `mockcfg` watches, as last read.</summary>
    public int Watched => Volatile.Read(ref _configs).Count;

    /// <summary>Reads `mockcfg` again; on failure keeps the rows read last and says why.</summary>
    public async Task<bool> SyncAsync(CancellationToken cancellationToken)
    {
        _lastSyncTicks = _timeProvider.GetTimestamp();
        try
        {
            var configs = await _loader.LoadAsync(_options.MaxSeries, cancellationToken);
            Volatile.Write(ref _configs, configs);
            NodataLog.Synced(_logger, configs.Count);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _metrics.SyncFailed();
            NodataLog.SyncFailed(_logger, Volatile.Read(ref _configs).Count, ex.Message);
            return false;
        }
    }

    /// <summary>One pass: mocks every owned, quiet series that is due one; returns how many mocks went to judging.</summary>
    public int Check()
    {
        var share = _lanes.Share;
        if (share is null)
        {
            if (!_shareMissingLogged)
            {
                _shareMissingLogged = true;
                NodataLog.NoShareYet(_logger);
            }

            return 0;
        }

        _shareMissingLogged = false;
        var configs = Volatile.Read(ref _configs);
        var rules = _rules.Current;
        var now = _timeProvider.GetTimestamp();
        var unixNow = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        var mocks = new List<JudgeItem>();
        var quiet = 0;
        lock (_gate)
        {
            foreach (var id in _watched.Keys.Where(id => !configs.ContainsKey(id)).ToList())
            {
                _watched.Remove(id);
            }

            foreach (var (id, config) in configs)
            {
                if (!_watched.TryGetValue(id, out var state))
                {
                    _watched[id] = state = new WatchState();
                }

                // No rule on the metric: no strategy could alarm on a mock, and transfer does not send its points.
                if (!rules.UsesMetric(config.Metric) || !share.Owns(config.Endpoint, config.Metric, config.Tags))
                {
                    state.OwnedSinceTicks = 0;
                    continue;
                }

                // Newly watched or newly routed here: its last point may be elsewhere (another judge, before a
                // restart), so silence is counted from now, as if a point had just arrived.
                if (state.OwnedSinceTicks == 0)
                {
                    state.OwnedSinceTicks = now;
                }

                var last = _engine.TryGetLastPoint(id, out var seen) && seen > state.OwnedSinceTicks ? seen : state.OwnedSinceTicks;
                if (_timeProvider.GetElapsedTime(last, now) <= Timeout(config.Step))
                {
                    continue;
                }

                quiet++;
                if (state.LastMockTicks != 0 && _timeProvider.GetElapsedTime(state.LastMockTicks, now) < TimeSpan.FromSeconds(config.Step))
                {
                    continue;
                }

                state.LastMockTicks = now;
                mocks.Add(new JudgeItem(config.Endpoint, config.Metric, config.Tags, config.Mock, MockTimestamp(unixNow, config.Step), CounterType.Gauge) { IsMock = true });
            }
        }

        _metrics.Checked(quiet);
        if (mocks.Count > 0)
        {
            var dropped = _lanes.Enqueue(mocks);
            _metrics.Mocked(mocks.Count - dropped);
            NodataLog.Mocked(_logger, mocks.Count, quiet);
        }

        return mocks.Count;
    }

    /// <summary>open-falcon's timestamp of a mock: step-aligned and two steps back, so it never replaces a real point of now.</summary>
    public static long MockTimestamp(long unixNow, long step) => unixNow - (unixNow % step) - (2 * step);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await SyncAsync(stoppingToken);
        using var timer = new PeriodicTimer(_options.CheckInterval, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (_timeProvider.GetElapsedTime(_lastSyncTicks) >= _options.SyncInterval)
                    {
                        await SyncAsync(stoppingToken);
                    }

                    Check();
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    NodataLog.CheckFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    // open-falcon: 3 steps, and never less than 3 minutes (here judge.nodata.minTimeout).
    private TimeSpan Timeout(long step)
    {
        var steps = TimeSpan.FromSeconds(3 * step);
        return steps > _options.MinTimeout ? steps : _options.MinTimeout;
    }

    private sealed class WatchState
    {
        public long OwnedSinceTicks { get; set; }

        public long LastMockTicks { get; set; }
    }
}
