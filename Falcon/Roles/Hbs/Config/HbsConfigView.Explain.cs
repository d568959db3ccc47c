using Falcon.Shared.Model.Strategies;

namespace Falcon.Roles.Hbs.Config;

internal sealed partial class HbsConfigView
{
    // Built on the first question (few hosts' pages are opened per snapshot); a race builds the same value twice.
    private Dictionary<long, StrategyRow[][]>? _allRowsByTemplate;
    private Dictionary<long, PortalStrategy>? _rawStrategyById;

    /// <summary>
    /// Which strategies apply to <paramref name="hostname"/> and why, by the same inheritance `Hbs.GetStrategies`
    /// applies, whatever the time of day (each strategy shows its run window) and whether the host is in maintenance
    /// (the window is in the answer). Null when the snapshot has no such host.
    /// </summary>
    public HostExplanation? ExplainHost(string hostname)
    {
        ArgumentNullException.ThrowIfNull(hostname);
        if (!_hostIndexByName.TryGetValue(hostname, out var index))
        {
            // falcon_portal's utf8_unicode_ci key makes hostnames equal ignoring case.
            index = Array.FindIndex(_hosts, h => string.Equals(h.Hostname, hostname, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                return null;
            }
        }

        var host = _hosts[index];
        var reasons = new List<StrategyReason>();
        var set = _templateSetOfHost[index];
        if (set >= 0)
        {
            var byTemplate = _allRowsByTemplate ??= _strategyRows
                .GroupBy(static r => r.TemplateId)
                .ToDictionary(static g => g.Key, static g => g.GroupBy(static r => r.Key, StringComparer.Ordinal).Select(static k => k.ToArray()).ToArray());
            var raw = _rawStrategyById ??= Snapshot.Strategies.GroupBy(static s => s.Id).ToDictionary(static g => g.Key, static g => g.Last());
            var groupNames = Snapshot.Groups.GroupBy(static g => g.Id).ToDictionary(static g => g.Key, static g => g.Last().Name);
            foreach (var strategy in Inherit(_templateSets[set], byTemplate))
            {
                var bound = strategy.Tpl!.Id;
                var stored = raw[strategy.Id];
                var via = Via(bound, stored.TemplateId);
                foreach (var groupId in _groupsOfHost[index])
                {
                    if (_templatesOfGroup.TryGetValue(groupId, out var templates) && templates.Contains(bound))
                    {
                        reasons.Add(new StrategyReason(groupNames.GetValueOrDefault(groupId, ""), _templates[bound].Name, via, ExplainedStrategy.From(stored)));
                    }
                }
            }
        }

        var expressions = Snapshot.Expressions
            .Where(e => ExpressionText.TryParse(e.Expression, out _, out var tags)
                        && tags.TryGetValue("endpoint", out var endpoint) && string.Equals(endpoint, host.Hostname, StringComparison.Ordinal))
            .OrderBy(static e => e.Id)
            .Select(ExplainedExpression.From)
            .ToArray();
        return new HostExplanation(
            host.Hostname, host.MaintainBegin, host.MaintainEnd,
            [.. reasons.OrderBy(static r => r.Group, StringComparer.Ordinal).ThenBy(static r => r.Template, StringComparer.Ordinal).ThenBy(static r => r.Strategy.Id)],
            expressions);
    }

    // The chain from the bound template up to the one holding the strategy, by name.
    private string[] Via(long boundTemplateId, long holdingTemplateId)
    {
        var chain = _chains.GetValueOrDefault(boundTemplateId, []);
        var via = new List<string>(chain.Length);
        for (var i = chain.Length - 1; i >= 0; i--)
        {
            via.Add(_templates[chain[i]].Name);
            if (chain[i] == holdingTemplateId)
            {
                break;
            }
        }

        return [.. via];
    }
}
