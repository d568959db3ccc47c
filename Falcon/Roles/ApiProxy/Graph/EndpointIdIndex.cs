using System.Collections.Concurrent;

namespace Falcon.Roles.ApiProxy.Graph;

/// <summary>id → endpoint name for the names this process has seen; ids are hashes, so a miss is filled by listing every endpoint.</summary>
internal sealed class EndpointIdIndex
{
    private readonly ConcurrentDictionary<long, string> _names = new();

    public void Remember(IEnumerable<string> endpoints)
    {
        foreach (var endpoint in endpoints)
        {
            _names[EndpointIds.For(endpoint)] = endpoint;
        }

        // A bound, not an eviction policy: beyond it the index starts over and refills on the next miss.
        if (_names.Count > 2_000_000)
        {
            _names.Clear();
        }
    }

    /// <summary>The names of <paramref name="ids"/> that are known; the ids not known are returned apart.</summary>
    public (List<string> Known, List<long> Missing) Resolve(IEnumerable<long> ids)
    {
        var known = new List<string>();
        var missing = new List<long>();
        foreach (var id in ids)
        {
            if (_names.TryGetValue(id, out var name))
            {
                known.Add(name);
            }
            else
            {
                missing.Add(id);
            }
        }

        return (known, missing);
    }
}
