using System.Collections.Concurrent;

namespace Falcon.Roles.Aggregator.Compute;

/// <summary>The newest result this instance pushed per definition, for the HTTP view only (never needed to compute).</summary>
internal sealed class LastResults
{
    private readonly ConcurrentDictionary<string, StepResult> _results = new(StringComparer.Ordinal);

    public void Set(StepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _results.AddOrUpdate(result.DefinitionKey, result, (_, old) => old.StepTime > result.StepTime ? old : result);
    }

    public StepResult? Get(string definitionKey) => _results.TryGetValue(definitionKey, out var result) ? result : null;
}
