using Falcon.Roles.Agent.Collectors;
using Falcon.Shared.Configuration;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Agent;

/// <summary>The `agent` section: identity, the hbs and transfer lists, the HTTP listener, tiers and the push buffer.</summary>
internal sealed class AgentOptions
{
    public const string SectionName = "agent";

    /// <summary>The intervals a collector may run at, in seconds (the fork's level_1..level_4).</summary>
    public static readonly IReadOnlyList<int> TierSeconds = [10, 30, 60, 120];

    /// <summary>The endpoint name of every point and heartbeat; empty means the OS hostname (open-falcon's `hostname`).</summary>
    public string Hostname { get; set; } = string.Empty;

    /// <summary>The IP reported to hbs; empty means the local address that routes to the first hbs (open-falcon's `ip`).</summary>
    public string Ip { get; set; } = string.Empty;

    /// <summary>hbs addresses (host:port), tried in order from the last one that answered; empty means 127.0.0.1:6030.</summary>
    public IList<string> Hbs { get; set; } = [];

    /// <summary>transfer addresses (host:port), tried in a random order for each batch; empty means 127.0.0.1:8433.</summary>
    public IList<string> Transfer { get; set; } = [];

    /// <summary>HTTP listener for `/v1/push`, `/health` and `/version` (open-falcon's `http.listen`, loopback by default).</summary>
    [ListenAddress("agent.httpListen")]
    public string HttpListen { get; set; } = "127.0.0.1:1988";

    /// <summary>Time between two heartbeats (`Agent.ReportStatus`, then BuiltinMetrics and TrustableIps).</summary>
    [DurationRange("agent.heartbeatInterval", "00:00:00.100", "01:00:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Time allowed for one call to hbs, connecting included (open-falcon hard-codes 10 s).</summary>
    [DurationRange("agent.hbsTimeout", "00:00:00.100", "00:05:00")]
    public TimeSpan HbsTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for one `Transfer.Update`, connecting included (open-falcon hard-codes 10 s).</summary>
    [DurationRange("agent.transferTimeout", "00:00:00.100", "00:05:00")]
    public TimeSpan TransferTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for one TCP connect to hbs or transfer (open-falcon's `transfer.timeout`, 1000 ms).</summary>
    [DurationRange("agent.dialTimeout", "00:00:00.010", "00:01:00")]
    public TimeSpan DialTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Collector name → interval in seconds (10, 30, 60 or 120); collectors not named keep their default tier.</summary>
    public IDictionary<string, int> Tiers { get; set; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Points that may wait while every transfer is down; beyond it the oldest are dropped and counted.</summary>
    [KeyedRange("agent.bufferSize", 1, 10_000_000)]
    public int BufferSize { get; set; } = 100_000;

    /// <summary>Points in one `Transfer.Update` call.</summary>
    [KeyedRange("agent.batchSize", 1, 100_000)]
    public int BatchSize { get; set; } = 2_000;

    /// <summary>The longest wait between two rounds over the transfer list while every transfer fails.</summary>
    [DurationRange("agent.maxRetryDelay", "00:00:00.010", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>On stop, how long buffered points may take to reach transfer; keep it below host.shutdownTimeout.</summary>
    [DurationRange("agent.flushTimeout", "00:00:00", "00:10:00")]
    public TimeSpan FlushTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Collected metric names that are not sent (open-falcon's `ignore`); pushed metrics are not filtered.</summary>
    public IList<string> Ignore { get; set; } = [];

    /// <summary>Tags appended to every point, collected or pushed (open-falcon's `default_tags`).</summary>
    public IDictionary<string, string> DefaultTags { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Follow upgrade commands from hbs; false really turns it off (the fork's switch could not). Unset, it is on for an
    /// agent alone and off in a process that also runs server roles (read by the self-upgrade, SelfUpgradeOptions).
    /// </summary>
    public bool? SelfUpgrade { get; set; }

    /// <summary>What the Linux collectors read and report (`agent.collector`).</summary>
    [ValidateObjectMembers]
    public CollectorOptions Collector { get; set; } = new();
}
