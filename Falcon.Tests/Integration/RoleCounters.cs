using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Falcon.Tests.Integration;

/// <summary>What the counters of one in-process role host added since this was created (other hosts of the test run are left out).</summary>
internal sealed class RoleCounters : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _sums = new();

    public RoleCounters(IServiceProvider services)
    {
        // Each host has its own meter factory, and a meter made by a factory has it as its scope.
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _sums.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
        _listener.Start();
    }

    public long this[string instrument] => _sums.GetValueOrDefault(instrument);

    public void Dispose() => _listener.Dispose();
}
