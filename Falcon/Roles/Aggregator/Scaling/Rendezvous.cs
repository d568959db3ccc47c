using System.Text;
using Falcon.Shared.Hashing;

namespace Falcon.Roles.Aggregator.Scaling;

/// <summary>
/// Rendezvous (highest random weight) hashing: a definition belongs to the live instance whose hash with it is the
/// highest. When an instance joins or leaves, only the definitions it wins or held move; every instance computes the
/// same owner from the same live set, with no coordinator.
/// </summary>
internal static class Rendezvous
{
    public static string? Owner(string definitionKey, IReadOnlyList<string> instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        string? best = null;
        ulong bestWeight = 0;
        foreach (var instance in instances)
        {
            var weight = Weight(instance, definitionKey);
            if (best is null || weight > bestWeight || (weight == bestWeight && string.CompareOrdinal(instance, best) > 0))
            {
                best = instance;
                bestWeight = weight;
            }
        }

        return best;
    }

    private static ulong Weight(string instance, string key)
    {
        var bytes = Encoding.UTF8.GetBytes(instance + "\n" + key);

        // Two seeds give 64 bits, so ties are practically impossible even over thousands of definitions.
        return ((ulong)Murmur3.Hash32(bytes, 0x9747b28c) << 32) | Murmur3.Hash32(bytes, 0x5bd1e995);
    }
}
