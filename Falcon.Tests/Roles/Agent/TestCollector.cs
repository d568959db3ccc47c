using Falcon.Roles.Agent.Collectors;

namespace Falcon.Tests.Roles.Agent;

/// <summary>A collector whose pass is whatever the test says.</summary>
internal sealed class TestCollector(string name, int intervalSeconds, Func<IMetricWriter, CancellationToken, ValueTask> collect) : ICollector
{
    private int _passes;

    public string Name { get; } = name;

    public int DefaultIntervalSeconds { get; } = intervalSeconds;

    public int Passes => Volatile.Read(ref _passes);

    /// <summary>A collector that writes one gauge `name.value` = 1 per pass.</summary>
    public static TestCollector Gauge(string name, int intervalSeconds) =>
        new(name, intervalSeconds, (writer, _) =>
        {
            writer.Gauge($"{name}.value", 1);
            return ValueTask.CompletedTask;
        });

    public async ValueTask CollectAsync(IMetricWriter writer, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _passes);
        await collect(writer, cancellationToken);
    }
}
