using Falcon.Hosting;
using Falcon.Roles.Agent.Collectors;
using Falcon.Shared.Model.Agents;
using Falcon.Shared.Wire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Agent.Heartbeat;

/// <summary>
/// open-falcon's agent side of hbs: `Agent.ReportStatus` at start and every `agent.heartbeatInterval`, then
/// `Agent.BuiltinMetrics` and `Agent.TrustableIps`. Each call tries every hbs address, starting from the last that
/// answered; when none does, the failure is logged (rate-limited) and the next interval tries again. The reply's
/// upgrade command goes to the self-upgrade when `agent.selfUpgrade` is on.
/// </summary>
internal sealed class HeartbeatService : BackgroundService
{
    private const string FirstChecksum = "nil";
    private readonly AgentOptions _options;
    private readonly AgentIdentity _identity;
    private readonly BuiltinMetricSet _builtinMetrics;
    private readonly TrustableIps _trustableIps;
    private readonly AgentMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<HeartbeatService> _logger;
    private readonly ISelfUpgrade? _selfUpgrade;
    private readonly JsonRpcFailover _hbs;
    private readonly FailureLog _failures;
    private bool _builtinReceived;
    private bool _upgradeIgnoredLogged;

    public HeartbeatService(
        IOptions<AgentOptions> options,
        AgentIdentity identity,
        BuiltinMetricSet builtinMetrics,
        TrustableIps trustableIps,
        AgentMetrics metrics,
        TimeProvider timeProvider,
        ILogger<HeartbeatService> logger,
        ISelfUpgrade? selfUpgrade = null)
    {
        _options = options.Value;
        _identity = identity;
        _builtinMetrics = builtinMetrics;
        _trustableIps = trustableIps;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
        _selfUpgrade = selfUpgrade;
        _hbs = new JsonRpcFailover(_options.Hbs, _options.HbsTimeout, _options.DialTimeout, shuffle: false, logger, timeProvider);
        _failures = new FailureLog(timeProvider, TimeSpan.FromMinutes(10));
    }

    public override void Dispose()
    {
        _hbs.DisposeAsync().AsTask().GetAwaiter().GetResult();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.HeartbeatStarting(_logger, _identity.Hostname, string.Join(", ", _hbs.Addresses), _options.HeartbeatInterval);
        // Until hbs has answered once, retry sooner than the interval (1 s, 2 s, 4 s, ...): an agent started beside hbs
        // (`--role all`, a host booting) would otherwise stay unknown for a whole interval after hbs comes up.
        var retry = FirstRetry;
        while (!await BeatAsync(stoppingToken) && retry < _options.HeartbeatInterval)
        {
            await Task.Delay(retry, _timeProvider, stoppingToken);
            retry *= 2;
        }

        using var timer = new PeriodicTimer(_options.HeartbeatInterval, _timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await BeatAsync(stoppingToken);
        }
    }

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);

    /// <summary>One heartbeat: report, then builtin metrics and trusted IPs when hbs answered; true when hbs answered.</summary>
    internal async Task<bool> BeatAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await ReportAsync(cancellationToken))
            {
                return false;
            }

            await SyncBuiltinMetricsAsync(cancellationToken);
            await SyncTrustableIpsAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.HeartbeatPassFailed(_logger, e.Message, e);
            return true; // hbs answered the report; a later step failed and waits for the next interval
        }
    }

    private async Task<bool> ReportAsync(CancellationToken cancellationToken)
    {
        var request = new AgentReportRequest
        {
            Hostname = _identity.Hostname,
            IP = _identity.Ip(_options.Hbs[0]),
            AgentVersion = FalconVersion.Current,
            PluginVersion = "plugin not enabled",
            InUpgrading = _selfUpgrade?.InProgress ?? false,
            Upgrade = _selfUpgrade?.LastOutcome,
        };

        AgentReportResponse reply;
        string address;
        try
        {
            (reply, address) = await _hbs.CallAsync(
                (client, ct) => client.CallAsync("Agent.ReportStatus", request, AgentJsonContext.Default.AgentReportRequest, AgentJsonContext.Default.AgentReportResponse, ct),
                null,
                cancellationToken);
        }
        catch (RpcUnavailableException e)
        {
            _metrics.HeartbeatFailed();
            if (_failures.Failed(out var suppressed))
            {
                Log.HeartbeatFailed(_logger, _options.HeartbeatInterval, suppressed, e.Message);
            }

            return false;
        }

        if (_failures.Succeeded(out var failures, out var duration))
        {
            Log.HeartbeatRecovered(_logger, address, failures, duration);
        }

        if (reply.Code != 0)
        {
            Log.HeartbeatRefused(_logger, address, reply.Code, request.Hostname);
            return true;
        }

        _selfUpgrade?.OnHeartbeatSucceeded();
        if (reply.Args is { } args)
        {
            // agent.selfUpgrade is applied by the self-upgrade, which also reports a refusal to hbs.
            if (_selfUpgrade is not null)
            {
                _selfUpgrade.OnUpgradeCommand(args);
            }
            else if (!_upgradeIgnoredLogged)
            {
                _upgradeIgnoredLogged = true;
                Log.UpgradeCommandIgnored(_logger, address, args.Version);
            }
        }

        return true;
    }

    private async Task SyncBuiltinMetricsAsync(CancellationToken cancellationToken)
    {
        var request = new AgentHeartbeatRequest { Hostname = _identity.Hostname, Checksum = _builtinReceived ? _builtinMetrics.Checksum : FirstChecksum };
        try
        {
            var (reply, _) = await _hbs.CallAsync(
                (client, ct) => client.CallAsync("Agent.BuiltinMetrics", request, AgentJsonContext.Default.AgentHeartbeatRequest, AgentJsonContext.Default.BuiltinMetricResponse, ct),
                null,
                cancellationToken);
            // hbs answers an empty list when the checksum sent is current; only a new checksum replaces the set.
            if (!_builtinReceived || reply.Checksum != _builtinMetrics.Checksum)
            {
                _builtinMetrics.Replace(reply.Metrics, reply.Checksum);
                _builtinReceived = true;
                Log.BuiltinMetricsChanged(_logger, reply.Metrics.Count, reply.Checksum);
            }
        }
        catch (RpcUnavailableException e)
        {
            Log.HbsCallFailed(_logger, "Agent.BuiltinMetrics", e.Message);
        }
    }

    private async Task SyncTrustableIpsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (reply, _) = await _hbs.CallAsync(
                (client, ct) => client.CallAsync("Agent.TrustableIps", new NullRpcRequest(), AgentJsonContext.Default.NullRpcRequest, AgentJsonContext.Default.String, ct),
                null,
                cancellationToken);
            _trustableIps.Replace(reply);
        }
        catch (RpcUnavailableException e)
        {
            Log.HbsCallFailed(_logger, "Agent.TrustableIps", e.Message);
        }
    }
}
