namespace Falcon.Shared.Datacenters;

/// <summary>Where a host reports: its datacenters, the one it heartbeated to most recently first, and that heartbeat's time.</summary>
internal sealed record HostPlacement(IReadOnlyList<Datacenter> Datacenters, DateTimeOffset? LastSeen)
{
    public Datacenter Current => Datacenters[0];
}
