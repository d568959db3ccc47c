using Falcon.Roles.Transfer.Sinks;
using Falcon.Shared.Hashing;
using Falcon.Shared.Judging;
using Falcon.Shared.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Transfer.Judges;

/// <summary>
/// Routes accepted points to judges. With `transfer.judges` set, each point goes to the judge that owns its series on a
/// consistent hash ring (as open-falcon's transfer does), over Falcon's judge protocol, and only when that judge's rules
/// use its metric; without it, to the judge of this process if there is one. It never refuses a batch: the TSDB has
/// the points, and a judge that is behind loses its oldest points (counted) rather than stalling ingest for everyone.
/// </summary>
internal sealed class JudgeSink : ITransferSink, IHostedService, IAsyncDisposable
{
    private readonly TransferOptions _options;
    private readonly IJudgeFeed? _local;
    private readonly JudgeRoutingMetrics _metrics;
    private readonly ILogger<JudgeSink> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ConsistentHashRing? _ring;
    private readonly Dictionary<string, JudgeNode> _nodes = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _abandon = new();
    private readonly List<Task> _senders = [];
    private readonly List<Task> _refreshers = [];

    public JudgeSink(IOptions<TransferOptions> options, IEnumerable<IJudgeFeed> local, JudgeRoutingMetrics metrics, TimeProvider timeProvider, ILogger<JudgeSink> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
        if (_options.Judges.Count > 0)
        {
            var ring = _options.Judges.Keys.Order(StringComparer.Ordinal).ToList();
            foreach (var (name, address) in _options.Judges.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                _nodes[name] = new JudgeNode(
                    name, address, _options.JudgeQueueCapacity, _options.JudgeBatchSize, _options.JudgeCallTimeout, timeProvider, metrics, metrics.Meter, logger)
                {
                    MetricsRequest = JudgeShareJson.Write(name, ring, _options.JudgeReplicas),
                };
            }

            _ring = new ConsistentHashRing(_nodes.Keys, _options.JudgeReplicas);
        }
        else
        {
            _local = local.FirstOrDefault();
            _local?.AssignShare(JudgeShare.Everything);
        }
    }

    public string Name => "judge";

    /// <summary>The remote judges by node name (empty when points stay in this process).</summary>
    public IReadOnlyDictionary<string, JudgeNode> Nodes => _nodes;

    public bool TryAccept(IReadOnlyList<MetricSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (_ring is not null)
        {
            foreach (var sample in samples)
            {
                var node = _nodes[_ring.GetNode(SeriesKey.Of(sample.Endpoint, sample.Metric, sample.Tags))];
                if (node.Wants(sample.Metric))
                {
                    node.Enqueue(JudgeItem.From(sample, _options.MinStep));
                }
            }
        }
        else if (_local is not null && samples.Count > 0)
        {
            var items = new JudgeItem[samples.Count];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = JudgeItem.From(samples[i], _options.MinStep);
            }

            _metrics.Dropped("local", _local.Enqueue(items));
        }

        return true;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_ring is not null)
        {
            Log.JudgesConfigured(_logger, _nodes.Count, string.Join(", ", _nodes.Values.Select(n => $"{n.Name}={n.Address}")));
            foreach (var node in _nodes.Values)
            {
                _senders.Add(Task.Run(() => node.SendAllAsync(_abandon.Token), CancellationToken.None));
                _refreshers.Add(Task.Run(() => RefreshLoopAsync(node, _abandon.Token), CancellationToken.None));
            }
        }
        else if (_local is not null)
        {
            Log.LocalJudge(_logger);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var node in _nodes.Values)
        {
            node.Complete();
        }

        try
        {
            // Points for a judge are worth a short wait, not a long one: judging is about now.
            await Task.WhenAll(_senders).WaitAsync(TimeSpan.FromSeconds(2), _timeProvider, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // What is left is counted as dropped by each node when abandoned.
        }
        finally
        {
            await _abandon.CancelAsync();
            await Task.WhenAll(_senders.Concat(_refreshers)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _abandon.Dispose();
        foreach (var node in _nodes.Values)
        {
            await node.DisposeAsync();
        }
    }

    private async Task RefreshLoopAsync(JudgeNode node, CancellationToken abandon)
    {
        try
        {
            await node.RefreshMetricsAsync(abandon);
            using var timer = new PeriodicTimer(_options.JudgeMetricsRefresh, _timeProvider);
            while (await timer.WaitForNextTickAsync(abandon))
            {
                await node.RefreshMetricsAsync(abandon);
            }
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
