namespace Falcon.Roles.Aggregator.Http;

/// <summary>`GET /aggregates`: this instance, the live ones, the definitions it owns and the rows skipped.</summary>
internal sealed record OwnedDefinitionsView(string Instance, IReadOnlyList<string> LiveInstances, IReadOnlyList<DefinitionView> Definitions, IReadOnlyList<ProblemView> Skipped);

/// <summary>One definition with its newest pushed result (null before the first).</summary>
internal sealed record DefinitionView(string Key, string Target, string Reads, string Endpoint, string Metric, string Tags, int Step, int LookbackSeconds, ResultView? LastResult);

/// <summary>A step's outcome: its time, coverage and points.</summary>
internal sealed record ResultView(long Step, int Contributed, int TargetHosts, int Missing, bool StaleHostList, string? Note, IReadOnlyList<PointView> Points);

/// <summary>One pushed point.</summary>
internal sealed record PointView(string Endpoint, string Metric, string Tags, double Value, string CounterType, long Timestamp);

/// <summary>A row that is not computed, and why.</summary>
internal sealed record ProblemView(string Key, string Problem);

/// <summary>`GET /aggregates/preview`: one definition computed now for the newest closed step, not pushed.</summary>
internal sealed record PreviewView(DefinitionView Definition, ResultView Result);

/// <summary>An error reply `{"error":"..."}`.</summary>
internal sealed record ApiError(string Error);
