namespace Falcon.Roles.Agent.Collectors;

/// <summary>Builds every Linux collector the agent runs, from its options.</summary>
internal static class CollectorCatalog
{
    /// <param name="options">The `agent.collector` section.</param>
    /// <param name="builtins">The builtin metrics hbs asked for; read on every pass of the builtin collectors.</param>
    /// <param name="timeProvider">Clock for disk I/O rates and timeouts.</param>
    /// <param name="httpClient">For url.check.health; should not follow redirects (curl -I does not).</param>
    /// <param name="hostname">The agent's endpoint, sent as url.check.health's src tag.</param>
    public static IReadOnlyList<ICollector> Create(
        CollectorOptions options, BuiltinMetricSet builtins, TimeProvider timeProvider, HttpClient httpClient, string hostname) =>
        Create(options, builtins, timeProvider, httpClient, hostname, FileSystemStats.Instance);

    internal static IReadOnlyList<ICollector> Create(
        CollectorOptions options, BuiltinMetricSet builtins, TimeProvider timeProvider, HttpClient httpClient, string hostname, IFileSystemStats fileSystemStats)
    {
        ArgumentNullException.ThrowIfNull(options);
        string proc = options.ProcRoot;
        return
        [
            new AgentCollector(),
            new CpuCollector(proc, options.PerCore),
            new MemoryCollector(proc),
            new LoadCollector(proc),
            new KernelCollector(proc),
            new DiskIoCollector(proc, timeProvider),
            new NetInterfaceCollector(proc, options.SysRoot, options.IfacePrefix),
            new NetstatCollector(proc),
            new UdpCollector(proc),
            new SocketSummaryCollector(proc),
            new FileSystemCollector(proc, options.MountPoint, fileSystemStats, options.StatfsTimeout, timeProvider),
            new UptimeCollector(proc),
            new PortListenCollector(proc, builtins),
            new ProcNumCollector(proc, builtins),
            new DuCollector(builtins, options.DuTimeout, timeProvider),
            new UrlHealthCollector(builtins, httpClient, hostname, options.UrlMaxTimeout),
        ];
    }
}
