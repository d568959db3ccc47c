using System.Threading.Channels;
using Falcon.Shared.Silences;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Silences;

/// <summary>
/// Keeps this instance's silences current: a reload at start (so a restarted alarm honours what Redis holds), one
/// right after every change notification from any instance, and one every `alarm.silences.reloadInterval` as the
/// safety net for a notification missed while disconnected.
/// </summary>
internal sealed class SilenceSync(
    SilenceStore store,
    IOptions<SilenceOptions> options,
    TimeProvider timeProvider,
    SilenceMetrics metrics,
    ILogger<SilenceSync> logger) : BackgroundService
{
    // Capacity 1 and DropWrite: a burst of notifications during one reload collapses into one more reload.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = false,
        SingleWriter = false,
    });

    private readonly TaskCompletionSource _firstReload = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _subscribed;

    /// <summary>Completes after the first reload attempt, so a caller can wait until a started instance has loaded.</summary>
    public Task FirstReload => _firstReload.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReloadInterval, timeProvider);
        // Both waits are kept across passes until they complete, so a quiet channel does not pile up waiters.
        Task<bool>? tick = null;
        Task<bool>? wake = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            await SubscribeOnceAsync(stoppingToken);
            await ReloadAsync(stoppingToken);
            _firstReload.TrySetResult();

            tick ??= timer.WaitForNextTickAsync(stoppingToken).AsTask();
            wake ??= _wake.Reader.WaitToReadAsync(stoppingToken).AsTask();
            var first = await Task.WhenAny(tick, wake);
            if (!await first)
            {
                return;
            }

            if (first == tick)
            {
                tick = null;
            }
            else
            {
                wake = null;
                _wake.Reader.TryRead(out _);
            }
        }
    }

    private async Task SubscribeOnceAsync(CancellationToken cancellationToken)
    {
        if (_subscribed)
        {
            return;
        }

        try
        {
            await store.SubscribeAsync(() => _wake.Writer.TryWrite(true), cancellationToken);
            _subscribed = true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            SilenceLog.SubscribeFailed(logger, e.Message);
        }
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (loaded, unreadable) = await store.ReloadAsync(cancellationToken);
            SilenceLog.Reloaded(logger, loaded);
            if (unreadable > 0)
            {
                SilenceLog.Unreadable(logger, unreadable);
            }
        }
        // Any failure of one pass (Redis down, a reply of the wrong shape) keeps the silences held and waits for the next.
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.ReloadFailed();
            SilenceLog.ReloadFailed(logger, store.Current.All.Count, e.Message);
        }
    }
}
