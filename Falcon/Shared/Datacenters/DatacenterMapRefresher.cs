using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Shared.Datacenters;

/// <summary>
/// Keeps <see cref="DatacenterMap"/> fresh: asks every hbs of every datacenter at once, every
/// `datacenterMap.refreshInterval` and soon after a query for an unknown endpoint (at most every
/// `datacenterMap.missRefreshInterval`).
/// </summary>
internal sealed class DatacenterMapRefresher : BackgroundService
{
    private readonly DatacenterMap _map;
    private readonly DatacenterMapOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Dictionary<Datacenter, HbsAgentSource[]> _sources;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private DateTimeOffset _lastRefresh = DateTimeOffset.MinValue;

    public DatacenterMapRefresher(DatacenterMap map, IOptions<DatacenterMapOptions> options, TimeProvider timeProvider, ILogger<DatacenterMapRefresher> logger)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(options);
        _map = map;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _sources = map.Datacenters.ToDictionary(
            dc => dc,
            dc => dc.Hbs.Select(a => new HbsAgentSource(a, _options, timeProvider)).ToArray());
    }

    /// <summary>Asks every hbs now and publishes the new map (also what a test calls instead of waiting).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            _lastRefresh = _timeProvider.GetUtcNow();
            var all = _sources.SelectMany(p => p.Value.Select(s => (Dc: p.Key, Source: s))).ToArray();
            var results = await Task.WhenAll(all.Select(e => e.Source.RefreshAsync(cancellationToken)));
            for (var i = 0; i < all.Length; i++)
            {
                if (!results[i])
                {
                    Log.HbsFailed(_logger, all[i].Dc.Name, all[i].Source.Address, all[i].Source.LastError ?? "");
                }
            }

            var copies = new Dictionary<string, IReadOnlyList<HbsAgentCopy>>(StringComparer.OrdinalIgnoreCase);
            var states = new List<DatacenterState>();
            foreach (var dc in _map.Datacenters)
            {
                var sources = _sources[dc];
                var good = sources.Where(s => s.LastGood is not null).Select(s => s.LastGood!).ToArray();
                copies[dc.Name] = good;
                var answering = sources.Count(s => s.LastError is null && s.LastGood is not null);
                if (good.Length == 0)
                {
                    Log.DatacenterUnknown(_logger, dc.Name);
                }

                states.Add(new DatacenterState(
                    dc.Name,
                    answering,
                    sources.Length,
                    good.SelectMany(c => c.Agents.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Count(),
                    good.Length == 0 ? null : good.Max(c => c.FetchedAt),
                    string.Join("; ", sources.Where(s => s.LastError is not null).Select(s => $"{s.Address}: {s.LastError}")) is { Length: > 0 } e ? e : null));
            }

            var snapshot = DatacenterMapSnapshot.Build(_map.Datacenters, copies, states, _timeProvider.GetUtcNow());
            _map.Publish(snapshot);
            Log.Refreshed(_logger, snapshot.Hosts.Count, states.Count);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var source in _sources.Values.SelectMany(s => s))
        {
            await source.DisposeAsync();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.RefreshInterval, _timeProvider);
        await RefreshOnceAsync(stoppingToken);
        Task<bool> tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
        Task<bool> miss = _map.WaitForMissAsync(stoppingToken).AsTask();
        while (!stoppingToken.IsCancellationRequested)
        {
            var done = await Task.WhenAny(tick, miss);
            if (done == tick)
            {
                if (!await tick)
                {
                    return;
                }

                tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
            }
            else
            {
                await miss;
                var wait = _lastRefresh + _options.MissRefreshInterval - _timeProvider.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _timeProvider, stoppingToken);
                }

                _map.ClearMiss();
                miss = _map.WaitForMissAsync(stoppingToken).AsTask();
            }

            await RefreshOnceAsync(stoppingToken);
        }
    }

    private async Task RefreshOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RefreshAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.RefreshFailed(_logger, e.Message);
        }
    }

    public override void Dispose()
    {
        _refreshing.Dispose();
        base.Dispose();
    }
}
