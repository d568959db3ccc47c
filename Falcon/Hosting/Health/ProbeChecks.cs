using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Falcon.Hosting.Health;

/// <summary>The process's reachability checks by name, so their cached results outlive each /health call.</summary>
internal sealed class ProbeChecks
{
    private readonly ConcurrentDictionary<string, IHealthCheck> _checks = new(StringComparer.Ordinal);

    public IHealthCheck GetOrAdd(string name, Func<IHealthCheck> create) => _checks.GetOrAdd(name, _ => create());
}
