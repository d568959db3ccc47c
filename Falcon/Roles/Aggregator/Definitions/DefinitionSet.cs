namespace Falcon.Roles.Aggregator.Definitions;

/// <summary>Every definition read in one pass, with the rows that were skipped.</summary>
internal sealed record DefinitionSet(IReadOnlyList<AggregateDefinition> Definitions, IReadOnlyList<DefinitionProblem> Problems)
{
    public static DefinitionSet Empty { get; } = new([], []);
}
