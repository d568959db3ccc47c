namespace Falcon.Roles.Agent.Push;

/// <summary>`agent.defaultTags` as open-falcon appends them to every point's tags: `,k=v` each, here in key order.</summary>
internal sealed class DefaultTags
{
    private readonly string _suffix;

    public DefaultTags(IEnumerable<KeyValuePair<string, string>> tags)
    {
        _suffix = string.Join(',', tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));
    }

    public string Append(string tags) =>
        _suffix.Length == 0 ? tags
        : tags.Length == 0 ? _suffix
        : $"{tags},{_suffix}";
}
