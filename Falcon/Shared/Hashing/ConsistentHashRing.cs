using System.Buffers;
using System.Globalization;
using System.Text;

namespace Falcon.Shared.Hashing;

/// <summary>
/// Consistent hash ring that picks the same node as open-falcon's toolkits/consistent (murmur3 fork):
/// <c>replicas</c> virtual nodes keyed <c>strconv.Itoa(i)+name</c>, and a key goes to the first virtual hash
/// strictly greater than its own, wrapping to the smallest. Immutable, so concurrent lookups need no lock.
/// </summary>
internal sealed class ConsistentHashRing
{
    /// <summary>Virtual nodes per node when none is configured (open-falcon's <c>replicas</c> default).</summary>
    public const int DefaultReplicas = 500;

    // Keys whose UTF-8 form fits here are hashed from the stack; longer ones rent from the pool.
    private const int StackKeyBytes = 512;

    private readonly uint[] _hashes;
    private readonly string[] _owners;

    /// <summary>Builds the ring over <paramref name="nodes"/>, added in the order given.</summary>
    public ConsistentHashRing(IEnumerable<string> nodes, int replicas = DefaultReplicas)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);

        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Go's circle is map[uint32]string: a virtual hash shared by two names belongs to whichever was added
        // last, and adding a name twice changes nothing. Insertion order into this dictionary reproduces that.
        var circle = new Dictionary<uint, string>();
        Span<byte> buffer = stackalloc byte[StackKeyBytes];
        foreach (var node in nodes)
        {
            ArgumentNullException.ThrowIfNull(node, nameof(nodes));
            if (!seen.Add(node))
            {
                continue;
            }

            names.Add(node);
            for (var i = 0; i < replicas; i++)
            {
                circle[HashString(string.Create(CultureInfo.InvariantCulture, $"{i}{node}"), buffer)] = node;
            }
        }

        if (names.Count == 0)
        {
            // toolkits/consistent answers ErrEmptyCircle on every lookup; failing here surfaces it at start-up.
            throw new ArgumentException("A consistent hash ring needs at least one node.", nameof(nodes));
        }

        _hashes = [.. circle.Keys];
        Array.Sort(_hashes);
        _owners = new string[_hashes.Length];
        for (var i = 0; i < _hashes.Length; i++)
        {
            _owners[i] = circle[_hashes[i]];
        }

        Nodes = names.AsReadOnly();
        Replicas = replicas;
    }

    /// <summary>Distinct node names in the order they were added.</summary>
    public IReadOnlyList<string> Nodes { get; }

    /// <summary>Virtual nodes per node name.</summary>
    public int Replicas { get; }

    /// <summary>Returns the node that owns <paramref name="key"/> (hashed as UTF-8).</summary>
    public string GetNode(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length <= StackKeyBytes)
        {
            // Series keys are mostly ASCII, so up to 512 chars usually fit without asking the pool.
            Span<byte> buffer = stackalloc byte[StackKeyBytes];
            if (Encoding.UTF8.TryGetBytes(key, buffer, out var written))
            {
                return GetNodeForHash(Murmur3.Hash32(buffer[..written]));
            }
        }

        var maxBytes = Encoding.UTF8.GetMaxByteCount(key.Length);
        var rented = ArrayPool<byte>.Shared.Rent(maxBytes);
        try
        {
            var written = Encoding.UTF8.GetBytes(key, rented);
            return GetNodeForHash(Murmur3.Hash32(rented.AsSpan(0, written)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Returns the node that owns a key already encoded as UTF-8.</summary>
    public string GetNode(ReadOnlySpan<byte> utf8Key) => GetNodeForHash(Murmur3.Hash32(utf8Key));

    /// <summary>Returns the node that owns a key whose murmur3 hash is <paramref name="keyHash"/>.</summary>
    public string GetNodeForHash(uint keyHash)
    {
        // Go's sort.Search for the first sortedHashes[x] > key: an upper bound, so a key equal to a virtual
        // hash goes to the next one, and past the largest it wraps to index 0.
        int lo = 0, hi = _hashes.Length;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (_hashes[mid] > keyHash)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return _owners[lo == _hashes.Length ? 0 : lo];
    }

    private static uint HashString(string value, Span<byte> buffer)
    {
        if (Encoding.UTF8.TryGetBytes(value, buffer, out var written))
        {
            return Murmur3.Hash32(buffer[..written]);
        }

        // Only node names over 512 UTF-8 bytes get here, once each while the ring is built.
        return Murmur3.Hash32(Encoding.UTF8.GetBytes(value));
    }
}
