using System.ComponentModel.DataAnnotations;
using Falcon.Shared.Model.Events;
using Falcon.Shared.Wire;
using Falcon.Shared.Configuration;

namespace Falcon.Roles.Judge;

/// <summary>The `judge` section: where strategies come from, the listener transfer feeds, and open-falcon's judging settings.</summary>
internal sealed class JudgeOptions : IValidatableObject
{
    public const string SectionName = "judge";

    /// <summary>The hbs asked when `judge.hbs` is not set (the quickstart's local hbs).</summary>
    public static readonly string DefaultHbs = "127.0.0.1:6030";

    /// <summary>hbs RPC addresses (host:port), tried in turn until one answers (Go's hbs.servers); empty means <see cref="DefaultHbs"/>.</summary>
    /// <remarks>Empty by default rather than pre-filled: the configuration binder appends to a pre-filled list.</remarks>
    public IList<string> Hbs { get; set; } = [];

    /// <summary>JSON-RPC listener transfers send points to (open-falcon judge's `rpc.listen`).</summary>
    [ListenAddress("judge.rpcListen")]
    public string RpcListen { get; set; } = "0.0.0.0:6080";

    /// <summary>HTTP listener for /health and /metrics (open-falcon judge's `http.listen`).</summary>
    [ListenAddress("judge.httpListen")]
    public string HttpListen { get; set; } = "0.0.0.0:6081";

    /// <summary>Points kept per series (open-falcon's `remain`); a function needing more never fires.</summary>
    [KeyedRange("judge.remain", 2, 1_000)]
    public int Remain { get; set; } = 11;

    /// <summary>Redis list of an event, `%v` replaced by the priority (open-falcon's `alarm.queuePattern`).</summary>
    public string EventQueuePattern { get; set; } = "event:p%v";

    /// <summary>The shortest time between two PROBLEM events of one id (open-falcon's `alarm.minInterval`).</summary>
    [DurationRange("judge.minInterval", "00:00:00", "7.00:00:00")]
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Points waiting to be judged; beyond this new points are dropped and counted (ingest is never blocked).</summary>
    [KeyedRange("judge.queueCapacity", 1_000, 100_000_000)]
    public int QueueCapacity { get; set; } = 1_000_000;

    /// <summary>Events waiting for Redis (while it is down); beyond this judging waits rather than lose an alarm.</summary>
    [KeyedRange("judge.eventQueueCapacity", 100, 10_000_000)]
    public int EventQueueCapacity { get; set; } = 100_000;

    /// <summary>Series judged in parallel lanes; a series always goes to the same lane, so its points are judged in order.</summary>
    [KeyedRange("judge.workers", 1, 64)]
    public int Workers { get; set; } = 2;

    /// <summary>A series without a new point for this long is forgotten (open-falcon: 7 days).</summary>
    [DurationRange("judge.seriesIdleTimeout", "00:01:00", "365.00:00:00")]
    public TimeSpan SeriesIdleTimeout { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the rules are fetched again (Go's hbs.interval).</summary>
    [DurationRange("judge.syncInterval", "00:00:00.100", "01:00:00")]
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether the rules are also fetched when hbs announces a configuration change (Redis `falcon:config:applied`).</summary>
    public bool ChangeSignal { get; set; } = true;

    /// <summary>How long after hbs announces a change the rules are fetched: every hbs instance installs it meanwhile, and a burst is one fetch.</summary>
    [DurationRange("judge.resyncDelay", "00:00:00", "00:01:00")]
    public TimeSpan ResyncDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Time allowed for one Hbs.GetStrategies or Hbs.GetExpressions call, connecting included.</summary>
    [DurationRange("judge.callTimeout", "00:00:00.010", "00:05:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Time allowed for one TCP connect to one hbs (Go's hbs.timeout).</summary>
    [DurationRange("judge.dialTimeout", "00:00:00.010", "00:01:00")]
    public TimeSpan DialTimeout { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>The hbs servers to ask: <see cref="Hbs"/>, or <see cref="DefaultHbs"/> when it is empty.</summary>
    public IReadOnlyList<string> HbsServersToAsk() => Hbs is { Count: > 0 } ? [.. Hbs] : [DefaultHbs];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!EventQueues.IsValidPattern(EventQueuePattern))
        {
            yield return new ValidationResult($"judge.eventQueuePattern must hold exactly one %v for the priority, got '{EventQueuePattern}'");
        }

        if (Hbs is null)
        {
            yield break;
        }

        for (var i = 0; i < Hbs.Count; i++)
        {
            var problem = AddressProblem(Hbs[i]);
            if (problem is not null)
            {
                yield return new ValidationResult($"judge.hbs.{i} {problem}");
            }
        }

        if (DialTimeout > CallTimeout)
        {
            yield return new ValidationResult($"judge.dialTimeout ({DialTimeout:c}) must not be longer than judge.callTimeout ({CallTimeout:c}), which includes connecting");
        }
    }

    private static string? AddressProblem(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return "must be host:port, got an empty value";
        }

        try
        {
            var (host, port) = WireEndpoint.Parse(address);

            // Parse accepts ":6030" (listen on every interface), which names no server to dial.
            return host.Length == 0 || port == 0 ? $"must name a host and a non-zero port, got '{address}'" : null;
        }
        catch (FormatException ex)
        {
            return $"must be host:port: {ex.Message}";
        }
    }
}
