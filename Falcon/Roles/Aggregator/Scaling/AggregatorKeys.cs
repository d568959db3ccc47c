using System.Globalization;

namespace Falcon.Roles.Aggregator.Scaling;

/// <summary>
/// The role's Redis keys. The instance set is one key. The fences of one definition share the hash tag
/// `{&lt;prefix&gt;:&lt;definition&gt;}`, so the steps checked together (one MGET) sit in one slot of a Redis Cluster.
/// </summary>
internal sealed class AggregatorKeys(string prefix)
{
    public string Instances => $"{prefix}:instances";

    public string Fence(string definitionKey, long stepTime) =>
        $"{{{prefix}:{definitionKey}}}:step:{stepTime.ToString(CultureInfo.InvariantCulture)}";
}
