namespace Falcon.Shared.Model.Strategies;

/// <summary>Template inheritance chains, as open-falcon's cache.ParentIds builds them.</summary>
internal static class TemplateChains
{
    /// <summary>Go stops at this many templates and logs "template inherit cycle".</summary>
    public const int MaxDepth = 10;

    /// <summary>
    /// The chain root → … → <paramref name="templateId"/> following parent_id while the template exists. Empty
    /// when the template does not exist or the walk reaches <see cref="MaxDepth"/> templates (a cycle, or a
    /// chain too deep): Go drops the whole chain then, not just the part past the limit.
    /// </summary>
    public static long[] Build(long templateId, IReadOnlyDictionary<long, long> parentOf)
    {
        var chain = new List<long>(4);
        var id = templateId;
        while (id > 0 && parentOf.TryGetValue(id, out var parent))
        {
            chain.Add(id);
            if (chain.Count == MaxDepth)
            {
                return [];
            }

            id = parent;
        }

        chain.Reverse();
        return [.. chain];
    }
}
