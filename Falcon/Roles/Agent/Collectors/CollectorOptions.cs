using Falcon.Shared.Configuration;


namespace Falcon.Roles.Agent.Collectors;

/// <summary>The `agent.collector` section: what the Linux collectors read and which devices they report.</summary>
internal sealed class CollectorOptions
{
    /// <summary>
    /// Interfaces reported by net.if.*: names starting with one of these (open-falcon's `collector.ifacePrefix`, e.g.
    /// ["eth", "em", "ens"]). Empty reports every interface except `lo`.
    /// </summary>
    public List<string> IfacePrefix { get; set; } = [];

    /// <summary>Mount points reported by df.* (exact paths, open-falcon's `collector.mountPoint`); empty reports all that pass the filters.</summary>
    public List<string> MountPoint { get; set; } = [];

    /// <summary>Emit percore.* (one series per logical CPU and field; off by default because of the cardinality).</summary>
    public bool PerCore { get; set; }

    /// <summary>Where procfs is mounted (a container may see the host's at /host/proc).</summary>
    [AbsolutePath("agent.collector.procRoot")]
    public string ProcRoot { get; set; } = "/proc";

    /// <summary>Where sysfs is mounted.</summary>
    [AbsolutePath("agent.collector.sysRoot")]
    public string SysRoot { get; set; } = "/sys";

    /// <summary>The longest du.bs may walk one directory before it reports -1 (open-falcon runs `du -bs` with 30 s).</summary>
    [DurationRange("agent.collector.duTimeout", "00:00:01", "00:10:00")]
    public TimeSpan DuTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest url.check.health waits, whatever a strategy's `timeout=` tag asks for.</summary>
    [DurationRange("agent.collector.urlMaxTimeout", "00:00:01", "00:05:00")]
    public TimeSpan UrlMaxTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest df waits for statvfs of one mount (a hung NFS server); that mount is skipped until it answers.</summary>
    [DurationRange("agent.collector.statfsTimeout", "00:00:00.100", "00:01:00")]
    public TimeSpan StatfsTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
