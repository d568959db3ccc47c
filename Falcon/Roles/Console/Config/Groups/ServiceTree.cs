namespace Falcon.Roles.Console.Config.Groups;

/// <summary>
/// Builds the service tree from group tags: a tag `shop/payments/db` puts its group on the node of that path; a group
/// with several tags appears under each; groups without a tag hang under `~untagged`. A node counts the open alarms of
/// the distinct hosts beneath it (a host in two groups counts once).
/// </summary>
internal static class ServiceTree
{
    public const string Untagged = "~untagged";

    public static TreeNode Build(
        IReadOnlyList<(long Id, string Name)> groups,
        IReadOnlyList<(long GroupId, string Tag)> tags,
        IReadOnlyList<(long GroupId, string Host)> members,
        IReadOnlyDictionary<string, int> openAlarmsByHost)
    {
        var hostsOf = new Dictionary<long, SortedSet<string>>();
        foreach (var (groupId, host) in members)
        {
            if (!hostsOf.TryGetValue(groupId, out var set))
            {
                hostsOf.Add(groupId, set = new SortedSet<string>(StringComparer.Ordinal));
            }

            set.Add(host);
        }

        var tagsOf = tags.GroupBy(static t => t.GroupId).ToDictionary(static g => g.Key, static g => g.Select(static t => t.Tag).ToArray());
        var root = new TreeNode();
        var nodes = new Dictionary<string, TreeNode>(StringComparer.Ordinal) { [""] = root };
        foreach (var (id, name) in groups.OrderBy(static g => g.Name, StringComparer.Ordinal))
        {
            var hosts = hostsOf.TryGetValue(id, out var set) ? set.ToArray() : [];
            var group = new TreeGroup { Name = name, Hosts = hosts, Alarms = hosts.Sum(h => openAlarmsByHost.GetValueOrDefault(h)) };
            foreach (var tag in tagsOf.GetValueOrDefault(id, [Untagged]))
            {
                NodeOf(nodes, tag).Groups.Add(group);
            }
        }

        Finish(root, openAlarmsByHost);
        return root;
    }

    private static TreeNode NodeOf(Dictionary<string, TreeNode> nodes, string path)
    {
        if (nodes.TryGetValue(path, out var node))
        {
            return node;
        }

        var slash = path.LastIndexOf('/');
        var parent = NodeOf(nodes, slash < 0 ? "" : path[..slash]);
        node = new TreeNode { Name = slash < 0 ? path : path[(slash + 1)..], Path = path };
        parent.Children.Add(node);
        nodes.Add(path, node);
        return node;
    }

    // Sorts children by name and sums each node's alarms over the distinct hosts of its subtree.
    private static HashSet<string> Finish(TreeNode node, IReadOnlyDictionary<string, int> openAlarmsByHost)
    {
        node.Children.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in node.Groups)
        {
            hosts.UnionWith(group.Hosts);
        }

        foreach (var child in node.Children)
        {
            hosts.UnionWith(Finish(child, openAlarmsByHost));
        }

        node.Alarms = hosts.Sum(h => openAlarmsByHost.GetValueOrDefault(h));
        return hosts;
    }
}
