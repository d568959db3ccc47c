using Falcon.Shared.Hashing;
using Falcon.Shared.Model;

namespace Falcon.Shared.Judging;

/// <summary>
/// Which series one judge is responsible for: transfer's consistent hash ring of `transfer.judges` and this judge's
/// node name on it, or every series when transfer hands points over in the same process. Transfer tells each judge
/// its share, so the ring is configured in one place only.
/// </summary>
internal sealed class JudgeShare
{
    private readonly ConsistentHashRing? _ring;

    private JudgeShare(string? node, ConsistentHashRing? ring)
    {
        Node = node;
        _ring = ring;
    }

    /// <summary>The share of a judge that is fed in process: every series.</summary>
    public static JudgeShare Everything { get; } = new(null, null);

    /// <summary>This judge's node name on the ring, or null for <see cref="Everything"/>.</summary>
    public string? Node { get; }

    /// <summary>The ring's node names in the order they were added (empty for <see cref="Everything"/>).</summary>
    public IReadOnlyList<string> Nodes => _ring?.Nodes ?? [];

    /// <summary>Virtual nodes per judge on the ring.</summary>
    public int Replicas => _ring?.Replicas ?? 0;

    /// <summary>The share of <paramref name="node"/> on the ring of <paramref name="nodes"/>, as transfer builds it.</summary>
    /// <exception cref="ArgumentException"><paramref name="node"/> is not one of <paramref name="nodes"/>, or the ring is empty.</exception>
    public static JudgeShare OnRing(string node, IReadOnlyCollection<string> nodes, int replicas)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(nodes);
        if (!nodes.Contains(node, StringComparer.Ordinal))
        {
            throw new ArgumentException($"node '{node}' is not on the ring ({string.Join(", ", nodes)})", nameof(node));
        }

        return new JudgeShare(node, new ConsistentHashRing(nodes, replicas));
    }

    /// <summary>Whether points of this series are routed to this judge.</summary>
    public bool Owns(string endpoint, string metric, TagSet tags) =>
        _ring is null || string.Equals(_ring.GetNode(SeriesKey.Of(endpoint, metric, tags)), Node, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="other"/> assigns the same series (same node, ring and replicas).</summary>
    public bool SameAs(JudgeShare other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(Node, other.Node, StringComparison.Ordinal) && Replicas == other.Replicas && Nodes.SequenceEqual(other.Nodes, StringComparer.Ordinal);
    }

    public override string ToString() => _ring is null ? "every series (in process)" : $"node {Node} of {string.Join(",", Nodes)} ({Replicas} replicas)";
}
