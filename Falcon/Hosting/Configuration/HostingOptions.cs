using System.ComponentModel.DataAnnotations;
using Falcon.Shared.Configuration;

namespace Falcon.Hosting.Configuration;

/// <summary>Process-wide settings shared by every role in the process.</summary>
internal sealed class HostingOptions
{
    public const string SectionName = "host";

    /// <summary>Name of this process among its peers (in-flight queues, locks); defaults to the machine name.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "host.instance must not be empty")]
    [RegularExpression(@"^[A-Za-z0-9._:-]{1,128}$", ErrorMessage = "host.instance may hold only letters, digits and . _ : - (at most 128)")]
    public string Instance { get; set; } = Environment.MachineName;

    /// <summary>How long SIGTERM waits for roles to drain queues and flush before the process exits.</summary>
    [DurationRange("host.shutdownTimeout", "00:00:01", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bearer token that admits any caller to mutating admin routes (upgrades, silences); empty = loopback only.</summary>
    [RegularExpression(@"^\S{32,}$", ErrorMessage = "host.adminToken is too short or holds spaces: use at least 32 characters (for example `openssl rand -hex 32`), or leave it empty to admit loopback callers only")]
    public string AdminToken { get; set; } = string.Empty;

    /// <summary>Whether a loopback caller without a token may call admin routes; turn off behind a reverse proxy on the same host.</summary>
    public bool TrustLoopback { get; set; } = true;

    /// <summary>Host header values, besides loopback names, that a tokenless loopback admin call may carry.</summary>
    public IReadOnlyList<string> AdminHosts { get; set; } = [];

    /// <summary>Concurrent connections per listener (HTTP and JSON-RPC); 0 derives it from the file-descriptor limit.</summary>
    [KeyedRange("host.maxConnections", 0, 10_000_000)]
    public int MaxConnections { get; set; }

    /// <summary>File descriptors kept out of the connection budget for Redis, MySQL, the TSDB, logs and files.</summary>
    [KeyedRange("host.fdReserve", 16, 1_000_000)]
    public int FdReserve { get; set; } = 1024;

    /// <summary>Once a request frame or HTTP header has started, the time it has to arrive whole.</summary>
    [DurationRange("host.frameTimeout", "00:00:01", "00:10:00")]
    public TimeSpan FrameTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Bytes of unfinished JSON-RPC frames one listener holds across its connections; beyond, the oldest are closed.</summary>
    [KeyedRange("host.maxPendingFrameBytes", 1 << 20, 1L << 40)]
    public long MaxPendingFrameBytes { get; set; } = 64L << 20;

    /// <summary>How long a /health reachability probe (Redis, MySQL, TSDB) may take before it counts as failed.</summary>
    [DurationRange("host.healthTimeout", "00:00:00.100", "00:01:00")]
    public TimeSpan HealthTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a probe's answer is reused, so frequent /health calls do not load the dependencies.</summary>
    [DurationRange("host.healthCacheFor", "00:00:00", "00:05:00")]
    public TimeSpan HealthCacheFor { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a worker may make no progress (one alarm batch, one TSDB write, one delivery pass) before /health fails.</summary>
    [DurationRange("host.healthStallAfter", "00:00:01", "1.00:00:00")]
    public TimeSpan HealthStallAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long /health fails after an item was dead-lettered (refused for good and moved aside).</summary>
    [DurationRange("host.healthDeadLetterWindow", "00:00:01", "7.00:00:00")]
    public TimeSpan HealthDeadLetterWindow { get; set; } = TimeSpan.FromMinutes(15);
}
