using System.Collections.Concurrent;
using Falcon.Shared.Model;
using Falcon.Shared.Model.Strategies;

namespace Falcon.Roles.Hbs.Config;

/// <summary>
/// Answers every configuration question hbs is asked (agents' plugins and builtin metrics, judges' strategies and
/// expressions, the HTTP routes) from one <see cref="PortalSnapshot"/>. Built once per snapshot: the indexes are
/// computed up front and answers are cached lazily, so the object is immutable to callers and thread-safe.
/// </summary>
internal sealed partial class HbsConfigView
{
    private readonly TimeZoneInfo _localTimeZone;

    // Hosts by dense index (ordered by id); per-host arrays below share that index.
    private readonly PortalHost[] _hosts;
    private readonly Dictionary<string, int> _hostIndexByName;
    private readonly Dictionary<long, int> _hostIndexById;
    private readonly long[][] _groupsOfHost;
    private readonly int[] _templateSetOfHost;
    private readonly string[]?[] _pluginsOfHost;

    // Distinct sorted sets of bound template ids; hosts of the same groups share one, and so do their answers.
    private readonly List<long[]> _templateSets = [];
    private readonly BuiltinMetricSet?[] _builtinMetricsOfSet;

    private readonly Dictionary<long, long[]> _hostIdsOfGroup;
    private readonly Dictionary<long, long[]> _templatesOfGroup;
    private readonly Dictionary<long, string[]> _pluginsOfGroup;
    private readonly Dictionary<string, long> _groupIdByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _groupIdByNameIgnoreCase = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<long, IReadOnlyList<string>> _hostnamesOfGroup = new();

    private readonly Dictionary<long, Template> _templates;
    private readonly IReadOnlyList<Template> _templateList;
    private readonly Dictionary<long, long[]> _chains = [];

    public HbsConfigView(PortalSnapshot snapshot, TimeZoneInfo localTimeZone)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(localTimeZone);
        Snapshot = snapshot;
        _localTimeZone = localTimeZone;

        _hosts = [.. snapshot.Hosts.OrderBy(static h => h.Id)];
        _hostIndexByName = new(_hosts.Length, StringComparer.Ordinal);
        _hostIndexById = new(_hosts.Length);
        for (var i = 0; i < _hosts.Length; i++)
        {
            // Go's maps keep the last row of a repeated key; the schema's unique keys make that moot.
            _hostIndexByName[_hosts[i].Hostname] = i;
            _hostIndexById[_hosts[i].Id] = i;
        }

        foreach (var group in snapshot.Groups)
        {
            _groupIdByName[group.Name] = group.Id;
            _groupIdByNameIgnoreCase.TryAdd(group.Name, group.Id);
        }

        _hostIdsOfGroup = Fold(snapshot.GroupHosts.Select(static g => (g.GroupId, g.HostIds)));
        _templatesOfGroup = Fold(snapshot.GroupTemplates.Select(static g => (g.GroupId, g.TemplateIds)));
        _pluginsOfGroup = Fold(snapshot.GroupPlugins.Select(static g => (g.GroupId, g.Dirs)));

        _templates = snapshot.Templates.GroupBy(static t => t.Id).ToDictionary(static g => g.Key, static g => ToWire(g.Last()));
        _templateList = [.. _templates.Values.OrderBy(static t => t.Id)];
        var parentOf = _templates.ToDictionary(static pair => pair.Key, static pair => pair.Value.ParentId);
        foreach (var templateId in _templatesOfGroup.Values.SelectMany(static ids => ids))
        {
            if (!_chains.ContainsKey(templateId))
            {
                _chains.Add(templateId, TemplateChains.Build(templateId, parentOf));
            }
        }

        _groupsOfHost = GroupsOfHosts();
        _templateSetOfHost = TemplateSetsOfHosts();
        _pluginsOfHost = new string[]?[_hosts.Length];
        _builtinMetricsOfSet = new BuiltinMetricSet?[_templateSets.Count];

        _strategyRows = PrepareStrategies(snapshot.Strategies);
        _builtinMetricsOfTemplate = IndexBuiltinMetrics(snapshot.Strategies);
        _maintenanceCandidates = MaintenanceCandidates();
        _expressions = new ExpressionsResponse { Expressions = PrepareExpressions(snapshot.Expressions) };
    }

    /// <summary>The snapshot this view answers from.</summary>
    public PortalSnapshot Snapshot { get; }

    /// <summary>The hosts not in maintenance at <paramref name="now"/>: what open-falcon's <c>/hosts</c> route lists.</summary>
    public IReadOnlyList<PortalHost> GetMonitoredHosts(DateTimeOffset now)
    {
        var seconds = now.ToUnixTimeSeconds();
        return [.. _hosts.Where(h => !InMaintenance(h, seconds))];
    }

    /// <summary>Every template in the wire form, ordered by id (open-falcon's <c>/templates</c> route).</summary>
    public IReadOnlyList<Template> GetTemplates() => _templateList;

    /// <summary>
    /// The hostnames of a group, sorted and unique, or null when no group has that name. Members whose host row is
    /// gone are left out. The name matches exactly, else ignoring case as falcon_portal's utf8_unicode_ci key does.
    /// </summary>
    public IReadOnlyList<string>? GetHostsOfGroup(string groupName)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        if (!_groupIdByName.TryGetValue(groupName, out var groupId) && !_groupIdByNameIgnoreCase.TryGetValue(groupName, out groupId))
        {
            return null;
        }

        return _hostnamesOfGroup.GetOrAdd(groupId, HostnamesOfGroup);
    }

    private static Template ToWire(PortalTemplate t) =>
        new() { Id = t.Id, Name = t.Name, ParentId = t.ParentId, ActionId = t.ActionId, Creator = t.Creator };

    private static bool InMaintenance(PortalHost host, long nowSeconds) =>
        host.MaintainBegin <= nowSeconds && nowSeconds <= host.MaintainEnd;

    private static Dictionary<long, T[]> Fold<T>(IEnumerable<(long GroupId, IReadOnlyList<T> Items)> rows)
    {
        // A snapshot folds each group into one entry, but one written by hand may repeat a group: concatenate.
        var folded = new Dictionary<long, T[]>();
        foreach (var (groupId, items) in rows)
        {
            folded[groupId] = folded.TryGetValue(groupId, out var existing) ? [.. existing, .. items] : [.. items];
        }

        return folded;
    }

    private IReadOnlyList<string> HostnamesOfGroup(long groupId)
    {
        if (!_hostIdsOfGroup.TryGetValue(groupId, out var hostIds))
        {
            return [];
        }

        var names = new HashSet<string>(hostIds.Length, StringComparer.Ordinal);
        foreach (var hostId in hostIds)
        {
            if (_hostIndexById.TryGetValue(hostId, out var index))
            {
                names.Add(_hosts[index].Hostname);
            }
        }

        return GoSorted(names);
    }

    // Go's sort.Strings orders by UTF-8 bytes; TagSet.CompareKeys is that order over UTF-16 strings.
    private static string[] GoSorted(IEnumerable<string> values)
    {
        string[] sorted = [.. values];
        Array.Sort(sorted, TagSet.CompareKeys);
        return sorted;
    }
}
