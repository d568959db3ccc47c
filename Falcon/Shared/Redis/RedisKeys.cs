namespace Falcon.Shared.Redis;

/// <summary>
/// Key names that stay usable on a Redis Cluster: keys one command or script touches together must share a hash slot,
/// so Falcon's companions of an open-falcon key carry that key as a hash tag, e.g. `{event:p0}:inflight:host-a`.
/// </summary>
internal static class RedisKeys
{
    /// <summary>A companion key that hashes to the same slot as <paramref name="baseKey"/>.</summary>
    public static string Companion(string baseKey, params ReadOnlySpan<string> parts)
    {
        ArgumentException.ThrowIfNullOrEmpty(baseKey);
        return parts.Length == 0 ? $"{{{baseKey}}}" : $"{{{baseKey}}}:{string.Join(':', parts.ToArray())}";
    }

    /// <summary>The part of a key that Redis Cluster hashes: the first non-empty `{...}` section, else the whole key.</summary>
    public static string HashTag(string key)
    {
        var open = key.IndexOf('{', StringComparison.Ordinal);
        if (open >= 0)
        {
            var close = key.IndexOf('}', open + 1);
            if (close > open + 1)
            {
                return key[(open + 1)..close];
            }
        }

        return key;
    }
}
