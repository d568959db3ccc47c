using System.ComponentModel.DataAnnotations;
using Falcon.Shared.Configuration;
using Falcon.Shared.Wire;

namespace Falcon.Roles.Aggregator;

/// <summary>The `aggregator` section: where host lists, values and results go, the windows, and the sharing of work.</summary>
internal sealed class AggregatorOptions : IValidatableObject
{
    public const string SectionName = "aggregator";

    /// <summary>HTTP listener for /health, /metrics, the owned definitions and the preview (open-falcon aggregator's `http.listen`).</summary>
    [ListenAddress("aggregator.httpListen")]
    public string HttpListen { get; set; } = "0.0.0.0:6055";

    /// <summary>hbs HTTP addresses (`host:port` or URLs), tried in turn for group host lists; empty means 127.0.0.1:6031.</summary>
    /// <remarks>Empty by default rather than pre-filled: the configuration binder appends to a pre-filled list.</remarks>
    public IList<string> Hbs { get; set; } = [];

    /// <summary>transfer JSON-RPC addresses (host:port) results are pushed to, first reachable wins; empty means 127.0.0.1:8433.</summary>
    public IList<string> Transfer { get; set; } = [];

    /// <summary>How long after a step closes it is computed, so the points of the step have arrived.</summary>
    [DurationRange("aggregator.lag", "00:00:00", "00:30:00")]
    public TimeSpan Lag { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How far back a missed step is still computed (after an outage or a move); older steps are given up.</summary>
    [DurationRange("aggregator.catchUp", "00:00:00", "1.00:00:00")]
    public TimeSpan CatchUp { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The step of the series read when a definition does not say; the look-back is max(step, 2 × this).</summary>
    [DurationRange("aggregator.seriesStep", "00:00:01", "01:00:00")]
    public TimeSpan SeriesStep { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often definitions are read again from MySQL.</summary>
    [DurationRange("aggregator.refreshInterval", "00:00:00.100", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often this instance looks for due steps.</summary>
    [DurationRange("aggregator.tickInterval", "00:00:00.050", "00:01:00")]
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Time allowed for one PromQL query.</summary>
    [DurationRange("aggregator.queryTimeout", "00:00:00.100", "00:05:00")]
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>PromQL queries in flight at once, over every definition of this instance.</summary>
    [KeyedRange("aggregator.queryParallelism", 1, 256)]
    public int QueryParallelism { get; set; } = 8;

    /// <summary>The longest PromQL text sent; host lists are split into chunks below it (VictoriaMetrics refuses over 16 KB by default).</summary>
    [KeyedRange("aggregator.maxQueryLength", 512, 1_000_000)]
    public int MaxQueryLength { get; set; } = 8_000;

    /// <summary>Time allowed for one hbs host-list request.</summary>
    [DurationRange("aggregator.hbsTimeout", "00:00:00.100", "00:05:00")]
    public TimeSpan HbsTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time allowed for one Transfer.Update call, connecting included.</summary>
    [DurationRange("aggregator.pushTimeout", "00:00:00.100", "00:05:00")]
    public TimeSpan PushTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts at pushing one batch of results before its steps are left to be computed again.</summary>
    [KeyedRange("aggregator.pushAttempts", 1, 20)]
    public int PushAttempts { get; set; } = 3;

    /// <summary>Result points waiting for transfer; when full, new steps wait (they are computed again later, never lost).</summary>
    [KeyedRange("aggregator.bufferCapacity", 100, 10_000_000)]
    public int BufferCapacity { get; set; } = 100_000;

    /// <summary>Prefix of this role's Redis keys (instances, fences).</summary>
    public string KeyPrefix { get; set; } = "falcon:aggregator";

    /// <summary>An instance not heard from for this long is dead and its definitions move to the others.</summary>
    [DurationRange("aggregator.instanceTtl", "00:00:01", "00:10:00")]
    public TimeSpan InstanceTtl { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a claim on a (definition, step) holds before another instance may take it over.</summary>
    [DurationRange("aggregator.claimTtl", "00:00:01", "01:00:00")]
    public TimeSpan ClaimTtl { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>This instance's name in Redis; empty means host name, process id and a random part.</summary>
    public string InstanceId { get; set; } = "";

    public IReadOnlyList<string> HbsToAsk() => Hbs is { Count: > 0 } ? [.. Hbs] : ["127.0.0.1:6031"];

    public IReadOnlyList<string> TransferToAsk() => Transfer is { Count: > 0 } ? [.. Transfer] : ["127.0.0.1:8433"];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < (Hbs?.Count ?? 0); i++)
        {
            if (!HbsAddress.TryParse(Hbs![i], out _))
            {
                yield return new ValidationResult($"aggregator.hbs.{i} must be host:port or an http(s) URL, got '{Hbs[i]}'");
            }
        }

        for (var i = 0; i < (Transfer?.Count ?? 0); i++)
        {
            string? problem = null;
            try
            {
                var (host, port) = WireEndpoint.Parse(Transfer![i]);
                problem = host.Length == 0 || port == 0 ? $"must name a host and a non-zero port, got '{Transfer[i]}'" : null;
            }
            catch (FormatException ex)
            {
                problem = $"must be host:port: {ex.Message}";
            }

            if (problem is not null)
            {
                yield return new ValidationResult($"aggregator.transfer.{i} {problem}");
            }
        }

        if (string.IsNullOrWhiteSpace(KeyPrefix) || KeyPrefix.Contains('{', StringComparison.Ordinal) || KeyPrefix.Contains('}', StringComparison.Ordinal))
        {
            yield return new ValidationResult($"aggregator.keyPrefix must be non-empty and without braces (they are hash tags), got '{KeyPrefix}'");
        }

        if (ClaimTtl < PushTimeout * 2)
        {
            yield return new ValidationResult($"aggregator.claimTtl ({ClaimTtl:c}) must be at least twice aggregator.pushTimeout ({PushTimeout:c})");
        }
    }
}
