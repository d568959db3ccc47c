using System.Threading.Channels;
using Falcon.Shared.Portal.Audit;
using StackExchange.Redis;

namespace Falcon.Roles.Hbs.Cache;

/// <summary>
/// The change signal: the console announces a committed change on `falcon:config:changed`; the lock holder reloads
/// after `hbs.cache.changeDebounce` instead of at its next refresh, publishes, and announces the new generation on
/// `falcon:config:applied`, on which the other instances look at the pointer at once and judges re-sync.
/// </summary>
internal sealed partial class SnapshotCache
{
    // Capacity 1 and DropWrite: any number of signals before the loop looks is one wake-up.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
        SingleWriter = false,
    });

    private int _changeRequested;

    // Both waits are kept across passes until they complete, so a quiet channel does not pile up waiters.
    private Task<bool>? _tick;
    private Task<bool>? _woken;

    /// <summary>A change was committed (called on a Redis thread): the lock holder reloads after the debounce; others ignore it and follow the holder.</summary>
    public void OnChangeSignalled()
    {
        var holder = _lease is not null;
        _metrics.ChangeHeard(holder);
        if (!holder)
        {
            return;
        }

        Interlocked.Exchange(ref _changeRequested, 1);
        _wake.Writer.TryWrite(true);
    }

    /// <summary>A holder published a change (called on a Redis thread): look at the pointer now rather than at the next poll.</summary>
    public void OnAppliedSignalled() => _wake.Writer.TryWrite(true);

    /// <summary>Waits for the next poll tick or a signal; once a change is requested, also for the debounce. Returns whether a change is due.</summary>
    private async Task<bool> WaitForNextPassAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        _tick ??= timer.WaitForNextTickAsync(cancellationToken).AsTask();
        _woken ??= _wake.Reader.WaitToReadAsync(cancellationToken).AsTask();
        var first = await Task.WhenAny(_tick, _woken);
        _ = await first; // throws when stopping
        if (first == _tick)
        {
            _tick = null;
        }
        else
        {
            _woken = null;
            _wake.Reader.TryRead(out _);
        }

        // Signals that arrive while waiting fold into this one reload; one that arrives after the flag is taken below
        // (its change may have been committed after the load read the tables) asks for another.
        if (Volatile.Read(ref _changeRequested) == 1 && _options.ChangeDebounce > TimeSpan.Zero)
        {
            await Task.Delay(_options.ChangeDebounce, _timeProvider, cancellationToken);
        }

        return Interlocked.Exchange(ref _changeRequested, 0) == 1;
    }

    /// <summary>Tells the other instances and the judges that <paramref name="generation"/> holds the change; best effort.</summary>
    private async Task AnnounceAppliedAsync(IDatabase db, long? generation, CancellationToken cancellationToken)
    {
        _metrics.ChangeReloaded();
        if (generation is not { } published)
        {
            return; // served here only: nobody else can fetch it, and judges of other instances would re-sync for nothing
        }

        try
        {
            var heard = await db.Multiplexer.GetSubscriber().PublishAsync(ConfigChangeSignal.Applied, published).WaitAsync(cancellationToken);
            Log.ChangeApplied(_logger, published, heard);
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            Log.AppliedNotAnnounced(_logger, published, e.Message);
        }
    }
}
