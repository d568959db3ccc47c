namespace Falcon.Hosting;

/// <summary>
/// How the process was set up: <see cref="Lightweight"/> when every role it runs is lightweight (an agent alone),
/// which makes the roles' HTTP listeners the small server and telemetry keep fewer series (BENCHMARKS.md "agent").
/// </summary>
internal sealed record HostFootprint(bool Lightweight);
