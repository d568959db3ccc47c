namespace Falcon.Roles.Agent.Collectors;

/// <summary>agent.alive, always 1 (open-falcon funcs/agent.go).</summary>
internal sealed class AgentCollector : ICollector
{
    public string Name => "agent";

    public int DefaultIntervalSeconds => 120;

    public ValueTask CollectAsync(IMetricWriter writer, CancellationToken cancellationToken)
    {
        writer.Gauge("agent.alive", 1);
        return ValueTask.CompletedTask;
    }
}
