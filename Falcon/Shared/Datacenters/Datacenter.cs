namespace Falcon.Shared.Datacenters;

/// <summary>
/// One datacenter as the process uses it: name, position in configuration, hbs servers, query backends, query timeout.
/// <paramref name="QueryUrl"/> is empty when the datacenter has only an open-falcon api (<paramref name="Api"/>).
/// </summary>
internal sealed record Datacenter(string Name, int Order, IReadOnlyList<string> Hbs, string QueryUrl, TimeSpan Timeout, DatacenterApi? Api = null)
{
    /// <summary>The name of the one datacenter made up when `datacenters` is not configured.</summary>
    public const string DefaultName = "default";

    /// <summary>True when the datacenter has a Prometheus-compatible TSDB (PromQL routes ask only these).</summary>
    public bool HasTsdb => QueryUrl.Length > 0;
}
