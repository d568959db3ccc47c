using System.Collections.Concurrent;
using System.Globalization;
using Falcon.Shared.Model;
using Falcon.Shared.Model.Strategies;

namespace Falcon.Roles.Hbs.Config;

internal sealed partial class HbsConfigView
{
    private readonly StrategyRow[] _strategyRows;
    private readonly int[] _maintenanceCandidates;
    private readonly ConcurrentDictionary<(long StrategyId, long TemplateId), Strategy> _servedStrategies = new();
    private volatile StrategiesAnswer? _lastAnswer;

    /// <summary>
    /// `Hbs.GetStrategies`: for every host with bound templates that is not in maintenance at <paramref name="now"/>,
    /// the strategies inside their run window (local "HH:MM"), after template inheritance. Hosts are ordered by id
    /// and strategies by id. The same response object comes back while the minute and the maintenance set hold.
    /// </summary>
    public StrategiesResponse GetStrategies(DateTimeOffset now)
    {
        var minute = LocalMinute(now);
        var inMaintenance = HostsInMaintenance(now.ToUnixTimeSeconds());
        var last = _lastAnswer;
        if (last is not null && last.Plan.Minute == minute && last.HostsInMaintenance.AsSpan().SequenceEqual(inMaintenance))
        {
            return last.Response;
        }

        var plan = last?.Plan.Minute == minute ? last.Plan : BuildPlan(minute);
        var skip = new HashSet<int>(inMaintenance);
        var hostStrategies = new List<HostStrategies>();
        for (var i = 0; i < _hosts.Length; i++)
        {
            var set = _templateSetOfHost[i];
            if (set < 0 || skip.Contains(i))
            {
                continue;
            }

            var strategies = plan.ByTemplateSet[set];
            if (strategies.Count > 0)
            {
                hostStrategies.Add(new HostStrategies { Hostname = _hosts[i].Hostname, Strategies = strategies });
            }
        }

        var response = new StrategiesResponse { HostStrategies = hostStrategies };
        _lastAnswer = new StrategiesAnswer(plan, inMaintenance, response);
        return response;
    }

    /// <summary>The strategies inside their run window at <paramref name="now"/>, each with its own template, ordered by id (open-falcon's <c>/strategies</c> route).</summary>
    public IReadOnlyList<Strategy> GetActiveStrategies(DateTimeOffset now)
    {
        var minute = LocalMinute(now);
        var last = _lastAnswer;
        return last?.Plan.Minute == minute ? last.Plan.Active : BuildPlan(minute).Active;
    }

    private string LocalMinute(DateTimeOffset now) =>
        TimeZoneInfo.ConvertTime(now, _localTimeZone).ToString("HH:mm", CultureInfo.InvariantCulture);

    private StrategyPlan BuildPlan(string minute)
    {
        // open-falcon's Strategies cache: rows in their window, by template, then by override key (id order kept).
        var rowsOfTemplate = new Dictionary<long, List<StrategyRow>>();
        var active = new List<Strategy>();
        foreach (var row in _strategyRows)
        {
            if (RunWindow.IsActive(row.RunBegin, row.RunEnd, minute))
            {
                active.Add(row.Prototype);
                if (!rowsOfTemplate.TryGetValue(row.TemplateId, out var rows))
                {
                    rowsOfTemplate.Add(row.TemplateId, rows = []);
                }

                rows.Add(row);
            }
        }

        var byTemplate = rowsOfTemplate.ToDictionary(
            static pair => pair.Key,
            static pair => pair.Value.GroupBy(static r => r.Key, StringComparer.Ordinal).Select(static g => g.ToArray()).ToArray());
        var bySet = new IReadOnlyList<Strategy>[_templateSets.Count];
        for (var i = 0; i < bySet.Length; i++)
        {
            bySet[i] = Inherit(_templateSets[i], byTemplate);
        }

        return new StrategyPlan(minute, bySet, active);
    }

    // open-falcon's CalcInheritStrategies over one host's bound templates.
    private Strategy[] Inherit(long[] templateIds, Dictionary<long, StrategyRow[][]> byTemplate)
    {
        var chains = new List<long[]>(templateIds.Length);
        foreach (var templateId in templateIds)
        {
            if (_chains.TryGetValue(templateId, out var chain) && chain.Length > 0)
            {
                chains.Add(chain);
            }
        }

        var result = new List<Strategy>();
        var seen = new HashSet<long>();
        var byKey = new Dictionary<string, StrategyRow[]>(StringComparer.Ordinal);
        // Buckets go youngest template id first to last, so a strategy two chains share gets the same
        // template on every run (Go's order here is that of an unordered SQL join).
        for (var c = 0; c < chains.Count; c++)
        {
            var chain = chains[c];
            if (IsSubsetOfAnother(chains, c))
            {
                continue;
            }

            // Root first: a child's strategies replace its ancestors' strategies of the same key.
            byKey.Clear();
            foreach (var templateId in chain)
            {
                if (!byTemplate.TryGetValue(templateId, out var groups))
                {
                    continue;
                }

                foreach (var group in groups)
                {
                    byKey[group[0].Key] = group;
                }
            }

            var youngest = chain[^1];
            foreach (var rows in byKey.Values)
            {
                foreach (var row in rows)
                {
                    if (seen.Add(row.Id))
                    {
                        result.Add(Served(row, youngest));
                    }
                }
            }
        }

        result.Sort(static (x, y) => x.Id.CompareTo(y.Id));
        return [.. result];
    }

    // A chain whose templates all appear in another chain adds nothing but would undo the other's overrides.
    // Bound template ids are distinct and each chain ends at its own, so no two chains are equal.
    private static bool IsSubsetOfAnother(List<long[]> chains, int index)
    {
        for (var other = 0; other < chains.Count; other++)
        {
            if (other != index && chains[index].All(chains[other].Contains))
            {
                return true;
            }
        }

        return false;
    }

    // Every served strategy carries the youngest template of its chain, which decides the alarm's action.
    private Strategy Served(StrategyRow row, long youngestTemplateId) =>
        row.TemplateId == youngestTemplateId
            ? row.Prototype
            : _servedStrategies.GetOrAdd((row.Id, youngestTemplateId), static (key, state) =>
                state.Row.Prototype with { Tpl = state.Templates[key.TemplateId] }, (Row: row, Templates: _templates));

    private StrategyRow[] PrepareStrategies(IReadOnlyList<PortalStrategy> rows)
    {
        var prepared = new List<StrategyRow>(rows.Count);
        foreach (var row in rows.OrderBy(static r => r.Id))
        {
            // Go drops a strategy without a template (no action, so nothing to alarm) and one whose right value
            // does not Scan into a float64. NaN and ±Inf parse in Go but then fail its JSON encoder for the
            // whole reply, so they are dropped here too.
            if (!_templates.TryGetValue(row.TemplateId, out var template)
                || !GoStrconv.TryParseFloat(row.RightValue, out var rightValue) || !double.IsFinite(rightValue))
            {
                continue;
            }

            var tags = StrategyTags.Parse(row.Tags);
            var strategy = new Strategy
            {
                Id = row.Id,
                Metric = row.Metric,
                Tags = tags,
                Func = row.Func,
                Operator = row.Operator,
                RightValue = rightValue,
                MaxStep = row.MaxStep,
                Priority = row.Priority,
                Note = row.Note,
                Tpl = template,
                UnionStrategyId = row.UnionStrategyId,
            };
            var key = string.Concat("metric:", row.Metric, "/tags:", tags.Canonical);
            prepared.Add(new StrategyRow(strategy, key, row.RunBegin, row.RunEnd, row.TemplateId));
        }

        return [.. prepared];
    }
}
