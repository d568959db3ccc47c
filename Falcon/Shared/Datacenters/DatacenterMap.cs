using System.Threading.Channels;

namespace Falcon.Shared.Datacenters;

/// <summary>
/// The endpoint → datacenter map, learned from every hbs of every datacenter (<see cref="DatacenterMapRefresher"/>).
/// Reads are lock-free against an immutable snapshot; an endpoint the map does not know goes to every datacenter and
/// asks for an early refresh.
/// </summary>
internal sealed class DatacenterMap
{
    private readonly Channel<bool> _misses = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = false,
        SingleWriter = false,
    });

    private DatacenterMapSnapshot _snapshot = DatacenterMapSnapshot.Empty;

    public DatacenterMap(DatacenterList datacenters)
    {
        ArgumentNullException.ThrowIfNull(datacenters);
        Datacenters = datacenters.All;
    }

    /// <summary>Every datacenter, in configuration order.</summary>
    public IReadOnlyList<Datacenter> Datacenters { get; }

    public DatacenterMapSnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>The datacenters to ask about <paramref name="endpoint"/>: where it reports (current first), or every datacenter when unknown.</summary>
    public IReadOnlyList<Datacenter> Locate(string endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (Snapshot.Hosts.TryGetValue(endpoint, out var placement))
        {
            return placement.Datacenters;
        }

        _misses.Writer.TryWrite(true);
        return Datacenters;
    }

    /// <summary>The datacenter <paramref name="endpoint"/> heartbeats to now, or null when the map does not know it.</summary>
    public Datacenter? Current(string endpoint) =>
        Snapshot.Hosts.TryGetValue(endpoint, out var placement) ? placement.Current : null;

    /// <summary>Groups <paramref name="endpoints"/> by the datacenters to ask; unknown endpoints land in every datacenter's group.</summary>
    public IReadOnlyDictionary<Datacenter, List<string>> Split(IEnumerable<string> endpoints, bool currentOnly)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var groups = new Dictionary<Datacenter, List<string>>();
        foreach (var endpoint in endpoints.Distinct(StringComparer.Ordinal))
        {
            var located = Locate(endpoint);
            foreach (var dc in currentOnly && located.Count < Datacenters.Count ? located.Take(1) : located)
            {
                if (!groups.TryGetValue(dc, out var list))
                {
                    groups[dc] = list = [];
                }

                list.Add(endpoint);
            }
        }

        return groups;
    }

    internal void Publish(DatacenterMapSnapshot snapshot) => Volatile.Write(ref _snapshot, snapshot);

    /// <summary>Completes when a query missed the map since the last call.</summary>
    internal ValueTask<bool> WaitForMissAsync(CancellationToken cancellationToken) => _misses.Reader.WaitToReadAsync(cancellationToken);

    internal void ClearMiss() => _misses.Reader.TryRead(out _);
}
