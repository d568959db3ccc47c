namespace Falcon.Roles.Agent.Collectors;

/// <summary>
/// Remembers the name and the "key=name" tag string of devices, interfaces and cores seen in a file, so a pass does
/// not build the same strings again.
/// </summary>
internal sealed class TagCache(string key)
{
    private readonly Dictionary<string, string> _tags = new(StringComparer.Ordinal);
    private readonly string _prefix = key + "=";

    /// <summary>The tag string for <paramref name="name"/>; <paramref name="interned"/> is the name as a string.</summary>
    public string Get(ReadOnlySpan<char> name, out string interned)
    {
        var lookup = _tags.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(name, out interned!, out var tags))
        {
            return tags;
        }

        // Devices and interfaces come and go (containers, hot-plug): bound the cache rather than grow forever.
        if (_tags.Count >= 4096)
        {
            _tags.Clear();
        }

        interned = name.ToString();
        tags = _prefix + interned;
        _tags[interned] = tags;
        return tags;
    }
}
