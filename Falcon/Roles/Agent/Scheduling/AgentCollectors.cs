using Falcon.Roles.Agent.Collectors;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Agent.Scheduling;

/// <summary>Every collector the agent runs: those registered one by one (ntp, tests) and those of each <see cref="CollectorGroup"/>.</summary>
/// <remarks>
/// The tier names are checked here, when the scheduler starts, not by an options validator: the catalog is built from
/// the agent options, so a validator that needed the collectors would make the options depend on themselves.
/// </remarks>
internal sealed class AgentCollectors(IEnumerable<ICollector> collectors, IEnumerable<CollectorGroup> groups)
{
    public IReadOnlyList<ICollector> All { get; } = [.. collectors.Concat(groups.SelectMany(g => g.Collectors))];

    /// <summary>What is wrong with `agent.tiers` for these collectors, one line per problem naming the key.</summary>
    public IReadOnlyList<string> Problems(AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        foreach (var duplicate in All.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"agent.tiers: {duplicate.Count()} collectors are named '{duplicate.Key}', so their tier cannot be set apart");
        }

        var known = All.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var name in options.Tiers.Keys.Where(n => !known.Contains(n)))
        {
            problems.Add($"agent.tiers.{name} names no collector; collectors are: {(known.Count == 0 ? "(none)" : string.Join(", ", known.Order(StringComparer.Ordinal)))}");
        }

        return problems;
    }

    /// <summary>Throws what the host reports as configuration problems (one line each) when <see cref="Problems"/> finds any.</summary>
    public void Check(AgentOptions options)
    {
        var problems = Problems(options);
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(AgentOptions.SectionName, typeof(AgentOptions), problems);
        }
    }
}
