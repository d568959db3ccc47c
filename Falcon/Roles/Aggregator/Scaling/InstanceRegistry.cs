using Falcon.Shared.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Falcon.Roles.Aggregator.Scaling;

/// <summary>
/// This instance's registration in Redis: a sorted set of instance ids scored by when each expires, refreshed every
/// third of `aggregator.instanceTtl`. The live set is every member whose expiry is in the future; a killed instance
/// drops out within one TTL, one that stops cleanly leaves at once.
/// </summary>
internal sealed class InstanceRegistry : BackgroundService
{
    private readonly RedisConnection _redis;
    private readonly AggregatorKeys _keys;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _time;
    private readonly ILogger<InstanceRegistry> _logger;
    private volatile IReadOnlyList<string> _live = [];
    private volatile bool _registered;

    public InstanceRegistry(RedisConnection redis, IOptions<AggregatorOptions> options, AggregatorIdentity identity, TimeProvider time, ILogger<InstanceRegistry> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(identity);
        _redis = redis;
        _keys = new AggregatorKeys(options.Value.KeyPrefix);
        _ttl = options.Value.InstanceTtl;
        InstanceId = identity.InstanceId;
        _time = time;
        _logger = logger;
    }

    public string InstanceId { get; }

    /// <summary>The live instances, sorted; empty until this instance has registered once.</summary>
    public IReadOnlyList<string> Live => _registered ? _live : [];

    /// <summary>Registers and reads the live set now (also done every third of the TTL).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var db = await _redis.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await db.SortedSetAddAsync(_keys.Instances, InstanceId, now + (long)_ttl.TotalMilliseconds).ConfigureAwait(false);
        await db.SortedSetRemoveRangeByScoreAsync(_keys.Instances, double.NegativeInfinity, now, Exclude.Stop).ConfigureAwait(false);
        var members = await db.SortedSetRangeByScoreAsync(_keys.Instances, now, double.PositiveInfinity, Exclude.Start).ConfigureAwait(false);
        IReadOnlyList<string> live = [.. members.Select(static m => m.ToString()).Order(StringComparer.Ordinal)];
        if (!live.SequenceEqual(_live))
        {
            Log.LiveInstancesChanged(_logger, live.Count, string.Join(", ", live));
        }

        _live = live;
        _registered = true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_ttl / 3, _time);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Without Redis no one can tell who owns what: stop computing rather than risk computing everything twice.
                _registered = false;
                Log.RegistrationFailed(_logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var db = await _redis.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
            await db.SortedSetRemoveAsync(_keys.Instances, InstanceId).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or OperationCanceledException)
        {
            Log.RegistrationFailed(_logger, e.Message);
        }
    }
}
