using System.Globalization;
using Falcon.Shared.Model;
using Falcon.Shared.Model.Strategies;

namespace Falcon.Roles.Hbs.Config;

// What the fork's agents and judges ask hbs beyond open-falcon: service names and collection intervals per host,
// one endpoint's strategies, and combined (union) strategies.
internal sealed partial class HbsConfigView
{
    private static readonly IReadOnlyDictionary<string, int> NoIntervals = new Dictionary<string, int>();

    // Go writes map keys sorted by their UTF-8 bytes.
    private static readonly Comparer<string> GoKeyOrder = Comparer<string>.Create(TagSet.CompareKeys);

    private readonly Dictionary<long, string[]> _serviceNamesOfGroup;
    private readonly Dictionary<string, IReadOnlyDictionary<string, int>> _dynamicConfigOfHost;
    private volatile StrategyPlan? _onePlan;
    private volatile UnionAnswer? _unionAnswer;

    /// <summary>
    /// `Agent.SyncServiceNames`: the service names (grp_svs) of the host's groups, comma-joined, each once, in group
    /// order and then row order; empty when the host is unknown or its groups name none.
    /// </summary>
    public string GetServiceNames(string hostname)
    {
        if (!_hostIndexByName.TryGetValue(hostname, out var index))
        {
            return "";
        }

        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var groupId in _groupsOfHost[index].Order())
        {
            if (!_serviceNamesOfGroup.TryGetValue(groupId, out var groupNames))
            {
                continue;
            }

            foreach (var name in groupNames)
            {
                if (name.Length > 0 && seen.Add(name))
                {
                    names.Add(name);
                }
            }
        }

        return string.Join(',', names);
    }

    /// <summary>`Agent.DynamicMonitoring`: metric to interval (seconds) of the enabled dynamic_config rows of the endpoint, keys sorted as Go writes a map.</summary>
    public IReadOnlyDictionary<string, int> GetDynamicMonitoring(string hostname) =>
        _dynamicConfigOfHost.TryGetValue(hostname, out var intervals) ? intervals : NoIntervals;

    /// <summary>
    /// `Hbs.GetOneEndStrategies`: the strategies judge applies to one endpoint at <paramref name="now"/>, the same
    /// list `Hbs.GetStrategies` gives for it (run windows, inheritance, youngest template); null, as the fork
    /// answers, when the host is unknown, in maintenance, or has none.
    /// </summary>
    public IReadOnlyList<Strategy>? GetEndpointStrategies(string hostname, DateTimeOffset now)
    {
        if (!_hostIndexByName.TryGetValue(hostname, out var index)
            || InMaintenance(_hosts[index], now.ToUnixTimeSeconds())
            || _templateSetOfHost[index] < 0)
        {
            return null;
        }

        var strategies = PlanAt(now).ByTemplateSet[_templateSetOfHost[index]];
        return strategies.Count > 0 ? strategies : null;
    }

    /// <summary>`Hbs.GetStrategiesOne`: the `Hbs.GetStrategies` answer cut to one host (no entry when it has none).</summary>
    public StrategiesResponse GetHostStrategies(string hostname, DateTimeOffset now) =>
        new()
        {
            HostStrategies = GetEndpointStrategies(hostname, now) is { } strategies
                ? [new HostStrategies { Hostname = hostname, Strategies = strategies }]
                : [],
        };

    /// <summary>
    /// `Hbs.GetUnionStrategies`: each union_strategy with at least two of its listed strategies in their run window
    /// (each with its own template), in the listed order; keyed by the union id as text, in Go's sorted key order.
    /// </summary>
    public UnionStrategiesResponse GetUnionStrategies(DateTimeOffset now)
    {
        var plan = PlanAt(now);
        if (_unionAnswer is { } cached && ReferenceEquals(cached.Plan, plan))
        {
            return cached.Response;
        }

        var active = plan.Active.ToDictionary(static s => s.Id);
        var map = new SortedDictionary<string, IReadOnlyList<Strategy>>(StringComparer.Ordinal);
        foreach (var union in Snapshot.UnionStrategies)
        {
            var members = new List<Strategy>();
            foreach (var id in union.StrategyIds.Split(','))
            {
                if (long.TryParse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var strategyId)
                    && active.TryGetValue(strategyId, out var strategy))
                {
                    members.Add(strategy);
                }
            }

            // A union of one strategy is no combination: the fork leaves it out.
            if (members.Count > 1)
            {
                map[union.Id.ToString(CultureInfo.InvariantCulture)] = members;
            }
        }

        var response = new UnionStrategiesResponse { UnionStrategiesMap = new Dictionary<string, IReadOnlyList<Strategy>>(map) };
        _unionAnswer = new UnionAnswer(plan, response);
        return response;
    }

    /// <summary>
    /// `Hbs.GetOneUnionStrategies`: every strategy whose union_strategy_id is <paramref name="unionId"/>, with its own
    /// template, ordered by id, whatever its run window (as the fork reads them); null when there is none.
    /// </summary>
    public IReadOnlyList<Strategy>? GetUnionMembers(long unionId)
    {
        if (unionId == 0)
        {
            return null;
        }

        var members = _strategyRows.Where(r => r.Prototype.UnionStrategyId == unionId).Select(static r => r.Prototype).ToList();
        return members.Count > 0 ? members : null;
    }

    // One plan per minute, shared with GetStrategies: a fork judge asks per endpoint, thousands of times a minute.
    private StrategyPlan PlanAt(DateTimeOffset now)
    {
        var minute = LocalMinute(now);
        if (_lastAnswer is { } last && last.Plan.Minute == minute)
        {
            return last.Plan;
        }

        if (_onePlan is { } one && one.Minute == minute)
        {
            return one;
        }

        var plan = BuildPlan(minute);
        _onePlan = plan;
        return plan;
    }

    private static (Dictionary<long, string[]> Services, Dictionary<string, IReadOnlyDictionary<string, int>> Intervals) PrepareForkTables(PortalSnapshot snapshot)
    {
        var services = Fold(snapshot.GroupServices.Select(static g => (g.GroupId, g.Names)));
        var intervals = new Dictionary<string, SortedDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var row in snapshot.DynamicConfigs)
        {
            if (!intervals.TryGetValue(row.Endpoint, out var ofHost))
            {
                intervals.Add(row.Endpoint, ofHost = new SortedDictionary<string, int>(GoKeyOrder));
            }

            // The fork fills a map row by row: of two rows for one metric, the later wins.
            ofHost[row.Metric] = row.Interval;
        }

        return (services, intervals.ToDictionary(
            static pair => pair.Key,
            static pair => (IReadOnlyDictionary<string, int>)new Dictionary<string, int>(pair.Value),
            StringComparer.Ordinal));
    }

    private sealed record UnionAnswer(StrategyPlan Plan, UnionStrategiesResponse Response);
}
