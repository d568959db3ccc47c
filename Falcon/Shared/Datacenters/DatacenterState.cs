namespace Falcon.Shared.Datacenters;

/// <summary>What the map knows about one datacenter's hbs servers after the last refresh.</summary>
internal sealed record DatacenterState(
    string Name, int HbsAnswering, int HbsTotal, int Hosts, DateTimeOffset? LastSuccess, string? LastError)
{
    /// <summary>True when at least one hbs answered at the last refresh.</summary>
    public bool Healthy => HbsAnswering > 0;
}
