using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading.Channels;
using Falcon.Roles.Judge.Matching;
using Falcon.Shared.Model.Agents;
using Falcon.Shared.Model.Strategies;
using Falcon.Shared.Wire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Judge.Sync;

/// <summary>
/// Fetches strategies and expressions from hbs at start and then every <see cref="JudgeOptions.SyncInterval"/>,
/// swapping in a whole new <see cref="JudgeRules"/>, and also <see cref="JudgeOptions.ResyncDelay"/> after hbs
/// announces a configuration change (<see cref="RequestSync"/>). A failed sync keeps the last good copy: judging on
/// stale rules beats judging on none while hbs restarts.
/// </summary>
internal sealed class RuleSync : BackgroundService, IAsyncDisposable, IJudgeRulesSource
{
    private readonly JudgeOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<RuleSync> _logger;
    private readonly RuleSyncMetrics _metrics;
    private readonly JsonRpcClient _client;
    private readonly string _servers;
    private readonly TaskCompletionSource _firstSync = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Capacity 1 and DropWrite: a burst of announcements before the next sync is one sync.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
        SingleWriter = false,
    });

    private JudgeRules _current = JudgeRules.Empty;
    private long _lastSuccessUnixMs;

    public RuleSync(IOptions<JudgeOptions> options, TimeProvider timeProvider, ILogger<RuleSync> logger, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meterFactory);
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        var meter = meterFactory.Create(RuleSyncMetrics.MeterName);
        _metrics = new RuleSyncMetrics(meter);
        var servers = _options.HbsServersToAsk();
        _servers = string.Join(", ", servers);

        // One client over the whole list: it fails over to the next hbs when one is unreachable.
        _client = new JsonRpcClient(
            servers,
            new JsonRpcClientOptions { CallTimeout = _options.CallTimeout, DialTimeout = _options.DialTimeout },
            logger,
            timeProvider,
            meter);
    }

    /// <summary>The rules to judge with: empty until the first sync succeeds, then the last good copy.</summary>
    public JudgeRules Current => Volatile.Read(ref _current);

    /// <summary>When a sync last succeeded, or null if none has yet.</summary>
    public DateTimeOffset? LastSuccess =>
        Interlocked.Read(ref _lastSuccessUnixMs) is var ms && ms != 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>Completes when the first sync has succeeded.</summary>
    public Task WaitForFirstSyncAsync(CancellationToken cancellationToken) => _firstSync.Task.WaitAsync(cancellationToken);

    /// <summary>Asks for a sync soon (hbs announced a configuration change); safe from any thread, bursts coalesce.</summary>
    public void RequestSync()
    {
        _metrics.Requested();
        _wake.Writer.TryWrite(true);
    }

    /// <summary>Fetches and installs the rules once; false (the current rules kept) when hbs could not be asked or answered badly.</summary>
    internal async Task<bool> SyncOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var strategies = await _client.CallAsync(
                "Hbs.GetStrategies",
                new NullRpcRequest(),
                AgentJsonContext.Default.NullRpcRequest,
                StrategiesJsonContext.Default.StrategiesResponse,
                cancellationToken);
            var expressions = await _client.CallAsync(
                "Hbs.GetExpressions",
                new NullRpcRequest(),
                AgentJsonContext.Default.NullRpcRequest,
                StrategiesJsonContext.Default.ExpressionsResponse,
                cancellationToken);

            // A null reply body throws here, before the swap, like any other failure.
            var rules = new JudgeRules(new StrategyIndex(strategies), new ExpressionIndex(expressions));
            Volatile.Write(ref _current, rules);
            Interlocked.Exchange(ref _lastSuccessUnixMs, _timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            _metrics.Succeeded();
            Log.RulesSynced(_logger, strategies.HostStrategies.Count, expressions.Expressions.Count);
            _firstSync.TrySetResult();
            return true;
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            _metrics.Failed();
            var last = LastSuccess is { } at ? at.ToString("O", CultureInfo.InvariantCulture) : "never (no rules yet)";
            Log.RuleSyncFailed(_logger, _servers, last, ex.Message);
            return false;
        }
    }

    public override void Dispose()
    {
        base.Dispose();

        // The container disposes through DisposeAsync; this path is only for callers that cannot await.
        _client.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    public async ValueTask DisposeAsync()
    {
        base.Dispose();
        await _client.DisposeAsync();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Until the first copy arrives the judge has nothing to judge with, so it asks again soon (hbs may be starting
        // in the same process, or be restarting) rather than waiting a whole sync interval.
        var retry = TimeSpan.FromMilliseconds(250);
        while (!await SyncOnceAsync(stoppingToken))
        {
            await Task.Delay(retry < _options.SyncInterval ? retry : _options.SyncInterval, _timeProvider, stoppingToken);
            retry *= 2;
        }

        using var timer = new PeriodicTimer(_options.SyncInterval, _timeProvider);
        // Both waits are kept across passes until they complete, so a quiet channel does not pile up waiters.
        Task<bool>? tick = null;
        Task<bool>? wake = null;
        while (true)
        {
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
                // The delay lets every hbs instance install the announced snapshot (they heard it when this judge did)
                // and folds the announcements of a burst of saves into this one sync.
                wake = null;
                await Task.Delay(_options.ResyncDelay, _timeProvider, stoppingToken);
                _wake.Reader.TryRead(out _);
            }

            await SyncOnceAsync(stoppingToken);
        }
    }
}
