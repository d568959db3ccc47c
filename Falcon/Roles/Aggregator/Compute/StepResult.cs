using Falcon.Shared.Model;

namespace Falcon.Roles.Aggregator.Compute;

/// <summary>
/// One definition's answer for one step: the points to push (results and coverage), how many hosts contributed out
/// of the target, and whether the host list was a stale one.
/// </summary>
internal sealed record StepResult(
    string DefinitionKey,
    long StepTime,
    IReadOnlyList<MetricValue> Points,
    int Contributed,
    int TargetHosts,
    bool StaleHostList,
    string? Note)
{
    /// <summary>Hosts in the target with no fresh value (left out of the result).</summary>
    public int Missing => Math.Max(0, TargetHosts - Contributed);
}
