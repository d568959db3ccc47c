using System.Collections.Concurrent;
using Falcon.Roles.Agent;
using Falcon.Shared.Model.Agents;

namespace Falcon.Tests.Roles.Agent;

/// <summary>Records what the heartbeat loop tells the self-upgrade.</summary>
internal sealed class FakeSelfUpgrade : ISelfUpgrade
{
    private int _succeeded;

    public bool InProgress { get; set; }

    public AgentUpgradeOutcome? LastOutcome { get; set; }

    public ConcurrentQueue<AgentUpgradeArgs> Commands { get; } = new();

    public int HeartbeatsSucceeded => Volatile.Read(ref _succeeded);

    public void OnUpgradeCommand(AgentUpgradeArgs args) => Commands.Enqueue(args);

    public void OnHeartbeatSucceeded() => Interlocked.Increment(ref _succeeded);
}
