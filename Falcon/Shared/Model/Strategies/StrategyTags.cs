namespace Falcon.Shared.Model.Strategies;

/// <summary>Parses strategy.tags as open-falcon's hbs does (db/strategy.go), which differs from a pushed tag string.</summary>
internal static class StrategyTags
{
    /// <summary>
    /// Splits on ',' then each part at its first '='; a part without '=' is dropped and a repeated key keeps its
    /// last value. Unlike <see cref="TagSet.Parse"/>, spaces are kept: hbs never strips them from strategy tags.
    /// </summary>
    public static TagSet Parse(string tags)
    {
        if (string.IsNullOrEmpty(tags))
        {
            return TagSet.Empty;
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in tags.Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                pairs.Add(new(part[..equals], part[(equals + 1)..]));
            }
        }

        return TagSet.From(pairs);
    }
}
