using Falcon.Shared.Model.Agents;

namespace Falcon.Roles.Hbs.Config;

internal sealed partial class HbsConfigView
{
    /// <summary>
    /// `Agent.MinePlugins`: hostname → host → its groups → their plugin_dir entries, unique and in Go's sort order;
    /// an unknown host gets none. An empty hostname gets open-falcon's zero reply (timestamp 0, so agents ignore it).
    /// </summary>
    public AgentPluginsResponse GetPlugins(string hostname, long timestamp)
    {
        ArgumentNullException.ThrowIfNull(hostname);
        if (hostname.Length == 0)
        {
            return new AgentPluginsResponse { Plugins = [], Timestamp = 0 };
        }

        IReadOnlyList<string> plugins = [];
        if (_hostIndexByName.TryGetValue(hostname, out var index))
        {
            plugins = _pluginsOfHost[index] ??= PluginsOfHost(index);
        }

        return new AgentPluginsResponse { Plugins = plugins, Timestamp = timestamp };
    }

    private string[] PluginsOfHost(int hostIndex)
    {
        var dirs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var groupId in _groupsOfHost[hostIndex])
        {
            if (_pluginsOfGroup.TryGetValue(groupId, out var groupDirs))
            {
                dirs.UnionWith(groupDirs);
            }
        }

        return dirs.Count == 0 ? [] : GoSorted(dirs);
    }

    // grp_host turned around: for each host, its distinct groups in row order.
    private long[][] GroupsOfHosts()
    {
        var groups = new List<long>?[_hosts.Length];
        foreach (var (groupId, hostIds) in _hostIdsOfGroup)
        {
            foreach (var hostId in hostIds)
            {
                if (_hostIndexById.TryGetValue(hostId, out var index))
                {
                    var list = groups[index] ??= new List<long>(2);
                    if (!list.Contains(groupId))
                    {
                        list.Add(groupId);
                    }
                }
            }
        }

        return [.. groups.Select(static list => list is null ? [] : list.ToArray())];
    }

    // For each host, the index of its set of bound templates (grp_tpl of its groups, distinct, sorted), or -1.
    private int[] TemplateSetsOfHosts()
    {
        var setIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new int[_hosts.Length];
        var ids = new SortedSet<long>();
        for (var i = 0; i < _hosts.Length; i++)
        {
            ids.Clear();
            foreach (var groupId in _groupsOfHost[i])
            {
                if (_templatesOfGroup.TryGetValue(groupId, out var templateIds))
                {
                    ids.UnionWith(templateIds);
                }
            }

            if (ids.Count == 0)
            {
                result[i] = -1;
                continue;
            }

            var key = string.Join(',', ids);
            if (!setIndex.TryGetValue(key, out var index))
            {
                index = _templateSets.Count;
                _templateSets.Add([.. ids]);
                setIndex.Add(key, index);
            }

            result[i] = index;
        }

        return result;
    }

    // Only hosts whose maintenance window can contain a time after the epoch need a look at each request.
    private int[] MaintenanceCandidates() =>
        [.. Enumerable.Range(0, _hosts.Length).Where(i => _hosts[i].MaintainBegin <= _hosts[i].MaintainEnd && _hosts[i].MaintainEnd > 0)];

    private int[] HostsInMaintenance(long nowSeconds)
    {
        if (nowSeconds <= 0)
        {
            return [.. Enumerable.Range(0, _hosts.Length).Where(i => InMaintenance(_hosts[i], nowSeconds))];
        }

        return [.. _maintenanceCandidates.Where(i => InMaintenance(_hosts[i], nowSeconds))];
    }
}
