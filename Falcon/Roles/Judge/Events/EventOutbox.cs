using System.Text.Json;
using System.Threading.Channels;
using Falcon.Shared.Model.Events;
using Falcon.Shared.Reliability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Judge.Events;

/// <summary>
/// Events decided and not yet in Redis. One writer pushes them in order, retrying with backoff while Redis is away, so
/// an alarm is delayed rather than lost; when the queue is full, judging waits. On stop it flushes within a deadline.
/// </summary>
internal sealed class EventOutbox : IHostedService, IDisposable
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    private readonly Channel<JudgeEvent> _channel;
    private readonly EventPublisher _publisher;
    private readonly JudgeOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly JudgeMetrics _metrics;
    private readonly ILogger<EventOutbox> _logger;
    private readonly DeadLetterTally? _tally;
    private readonly CancellationTokenSource _abandon = new();
    private Task _writer = Task.CompletedTask;
    private int _publishing;

    public EventOutbox(
        EventPublisher publisher, IOptions<JudgeOptions> options, TimeProvider timeProvider, JudgeMetrics metrics, ILogger<EventOutbox> logger,
        DeadLetterTally? tally = null)
    {
        _tally = tally;
        ArgumentNullException.ThrowIfNull(options);
        _publisher = publisher;
        _options = options.Value;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger;
        _channel = Channel.CreateBounded<JudgeEvent>(new BoundedChannelOptions(_options.EventQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        metrics.ObserveOutbox(() => Pending);
    }

    /// <summary>The stage an event that cannot be written is counted under in <see cref="DeadLetterTally"/>.</summary>
    public const string UnpublishableStage = "judge.publish";

    /// <summary>How long <see cref="StopAsync"/> keeps pushing queued events before giving up on them.</summary>
    public TimeSpan FlushTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Events queued or being pushed.</summary>
    public int Pending => _channel.Reader.Count + Volatile.Read(ref _publishing);

    public ValueTask EnqueueAsync(JudgeEvent judgeEvent, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(judgeEvent, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _writer = Task.Run(() => WriteAllAsync(_abandon.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _channel.Writer.TryComplete();
        try
        {
            await _writer.WaitAsync(FlushTimeout, _timeProvider, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            Log.EventsAbandonedAtStop(_logger, _channel.Reader.Count + 1);
        }
        finally
        {
            await _abandon.CancelAsync();
        }
    }

    public void Dispose() => _abandon.Dispose();

    private async Task WriteAllAsync(CancellationToken abandon)
    {
        try
        {
            while (await _channel.Reader.WaitToReadAsync(abandon))
            {
                // Counted as publishing before it leaves the channel, so Pending never reads 0 while an event is in hand.
                Volatile.Write(ref _publishing, 1);
                if (_channel.Reader.TryRead(out var judgeEvent))
                {
                    await PublishWithRetryAsync(judgeEvent, abandon);
                }

                Volatile.Write(ref _publishing, 0);
            }
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            // Stop gave up waiting; what is left was logged there.
        }
    }

    private async Task PublishWithRetryAsync(JudgeEvent judgeEvent, CancellationToken abandon)
    {
        var delay = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _publisher.PublishAsync(judgeEvent, _options.EventQueuePattern, abandon);
                _metrics.EventSent(judgeEvent.Status);
                return;
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or JsonException)
            {
                // Not Redis: the event itself cannot be written (a left value of kpdiff over a zero, or a sum past
                // double's range, is an infinity that JSON has no number for). Retrying it would hold up every later
                // event for ever; it is dropped alone, logged with what it was, and shown on /health for a while.
                Log.EventUnpublishable(_logger, judgeEvent.Id, judgeEvent.Endpoint, judgeEvent.Strategy?.Metric ?? judgeEvent.Expression?.Metric ?? "", ex.Message);
                _tally?.Add(UnpublishableStage);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !abandon.IsCancellationRequested)
            {
                _metrics.EventRetried();
                if (attempt == 1 || attempt % 20 == 0)
                {
                    Log.EventPublishFailed(_logger, judgeEvent.Id, attempt, ex.Message);
                }

                await Task.Delay(delay, _timeProvider, abandon);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }
}
