using Falcon.Roles.Transfer.Sinks;
using Falcon.Shared.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Transfer.Ingest;

/// <summary>
/// The ingest path shared by JSON-RPC and HTTP: open-falcon's checks (Go's RecvMetricValues), the step rule, then
/// every sink. Synchronous and allocation-light: it runs inline on the connection's thread.
/// </summary>
internal sealed class TransferIngest(
    IEnumerable<ITransferSink> sinks,
    IOptions<TransferOptions> options,
    TransferMetrics metrics,
    TimeProvider timeProvider,
    ILogger<TransferIngest> logger)
{
    private readonly ITransferSink[] _sinks = [.. sinks];
    private readonly long _minStep = options.Value.MinStep;
    private readonly AcceptanceBounds _bounds = new(options.Value);

    // 1 while pushes are being refused: the log says when refusing starts and stops, not once per push.
    private int _refusing;

    public IngestResult Receive(List<MetricValue?> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        // Go takes "now" once per batch for the timestamp check.
        var now = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        var accepted = new List<MetricSample>(items.Count);
        var invalid = 0;
        foreach (var item in items)
        {
            var result = MetricValueValidator.Validate(item, now);
            if (result.Sample is not { } sample)
            {
                invalid++;
                continue;
            }

            if (_bounds.Check(sample, now) is { } reason)
            {
                invalid++;
                metrics.OutOfBounds(reason);
                if (logger.IsEnabled(LogLevel.Debug))
                {
                    Log.PointRefused(logger, reason, Shorten(sample.Endpoint), Shorten(sample.Metric));
                }

                continue;
            }

            var (step, timestamp) = StepRule.Apply(sample.Step, sample.Timestamp, _minStep);
            accepted.Add(step == sample.Step && timestamp == sample.Timestamp ? sample : sample with { Step = step, Timestamp = timestamp });
        }

        if (invalid > 0)
        {
            metrics.Invalid(invalid);
        }

        if (accepted.Count == 0)
        {
            return new IngestResult(items.Count, invalid, null);
        }

        foreach (var sink in _sinks)
        {
            // A sink that cannot take the batch fails the push as a whole, so the client knows to retry it; sinks
            // before it may have taken it already, which a TSDB tolerates (same series, timestamp and value).
            if (!sink.TryAccept(accepted))
            {
                metrics.RejectedFull(accepted.Count);
                if (Interlocked.Exchange(ref _refusing, 1) == 0)
                {
                    Log.SinkFull(logger, accepted.Count, sink.Name);
                }

                return new IngestResult(items.Count, invalid, $"transfer is overloaded: the {sink.Name} queue cannot take {accepted.Count} more points, retry later");
            }
        }

        metrics.Accepted(accepted.Count);
        if (Volatile.Read(ref _refusing) == 1 && Interlocked.Exchange(ref _refusing, 0) == 1)
        {
            Log.AcceptingAgain(logger);
        }

        return new IngestResult(items.Count, invalid, null);
    }

    // A refused endpoint may be 900 KB: enough of it to recognise in a log line.
    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 80), "...");
}
