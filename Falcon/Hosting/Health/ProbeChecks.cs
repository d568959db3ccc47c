using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Falcon.Hosting.Health;

/// <summary>
/// The process's reachability checks by name, so their cached results outlive each /health call. Holds the root
/// services: the health check service hands registrations a scope that is disposed after each run.
/// </summary>
internal sealed class ProbeChecks(IServiceProvider root)
{
    private readonly ConcurrentDictionary<string, IHealthCheck> _checks = new(StringComparer.Ordinal);

    public IServiceProvider Root { get; } = root;

    public IHealthCheck GetOrAdd(string name, Func<IServiceProvider, IHealthCheck> create) => _checks.GetOrAdd(name, _ => create(Root));
}
