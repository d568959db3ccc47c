namespace Falcon.Hosting;

/// <summary>
/// How the process was set up: <see cref="Lightweight"/> when every role it runs is lightweight (an agent alone),
/// which makes the roles' HTTP listeners the small server and telemetry keep fewer series (BENCHMARKS.md "agent").
/// </summary>
internal sealed record HostFootprint(bool Lightweight)
{
    /// <summary>The roles of this process that are not lightweight (hbs, judge ...): what an agent's restart would also stop.</summary>
    public IReadOnlyList<string> ServerRoles { get; init; } = [];
}
