namespace Falcon.Roles.Aggregator.Definitions;

/// <summary>A row that could not be read as a definition, and why; it is skipped, the others run.</summary>
internal sealed record DefinitionProblem(string Key, string Problem);
