using System.Text.Json;

namespace Falcon.Shared.Judging;

/// <summary>
/// The parameter of Judge.Metrics by which a transfer tells a judge its place on the ring:
/// <c>{"node":"judge-00","ring":["judge-00","judge-01"],"replicas":500}</c>, the ring in the order transfer built it.
/// <c>null</c> (what older transfers send) says nothing.
/// </summary>
internal static class JudgeShareJson
{
    public static byte[] Write(string node, IReadOnlyList<string> ring, int replicas)
    {
        ArgumentNullException.ThrowIfNull(ring);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("node"u8, node);
            writer.WriteStartArray("ring"u8);
            foreach (var name in ring)
            {
                writer.WriteStringValue(name);
            }

            writer.WriteEndArray();
            writer.WriteNumber("replicas"u8, replicas);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>False with the reason when the parameter is an object that is not a valid share; true with null when it says nothing.</summary>
    public static bool TryRead(JsonElement param, out JudgeShare? share, out string? error)
    {
        share = null;
        error = null;
        if (param.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        if (!param.TryGetProperty("node", out var node) || node.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(node.GetString()))
        {
            error = "Judge.Metrics: node must be a non-empty string";
            return false;
        }

        if (!param.TryGetProperty("ring", out var ring) || ring.ValueKind != JsonValueKind.Array
            || ring.EnumerateArray().Any(static n => n.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(n.GetString())))
        {
            error = "Judge.Metrics: ring must be an array of node names";
            return false;
        }

        if (!param.TryGetProperty("replicas", out var replicas) || replicas.ValueKind != JsonValueKind.Number || !replicas.TryGetInt32(out var count) || count is < 1 or > 100_000)
        {
            error = "Judge.Metrics: replicas must be an integer from 1 to 100000";
            return false;
        }

        var names = ring.EnumerateArray().Select(static n => n.GetString()!).ToList();
        if (!names.Contains(node.GetString()!, StringComparer.Ordinal))
        {
            error = $"Judge.Metrics: node '{node.GetString()}' is not on the ring";
            return false;
        }

        share = JudgeShare.OnRing(node.GetString()!, names, count);
        return true;
    }
}
