using Falcon.Shared.Datacenters;

namespace Falcon.Roles.ApiProxy.FanOut;

/// <summary>What every datacenter asked answered, in configuration order, and which ones failed and why.</summary>
internal sealed class FanOutResult<T>(IReadOnlyList<(Datacenter Datacenter, T Value)> answers, IReadOnlyList<DatacenterFailure> failures)
{
    public const string PartialHeader = "X-Falcon-Partial";

    public IReadOnlyList<(Datacenter Datacenter, T Value)> Answers { get; } = answers;

    public IReadOnlyList<DatacenterFailure> Failures { get; } = failures;

    /// <summary>True when datacenters were asked and none answered.</summary>
    public bool AllFailed => Answers.Count == 0 && Failures.Count > 0;

    /// <summary>`dc2=timeout, dc3=unreachable` for the partial-answer header, or null when every datacenter answered.</summary>
    public string? PartialFlag => Failures.Count == 0 ? null : string.Join(", ", Failures.Select(f => $"{f.Datacenter}={f.Reason}"));

    /// <summary>One line per failed datacenter, for Prometheus' `warnings` and error texts.</summary>
    public IEnumerable<string> Warnings => Failures.Select(f => $"datacenter {f.Datacenter} left out ({f.Reason}): {f.Detail}");
}
