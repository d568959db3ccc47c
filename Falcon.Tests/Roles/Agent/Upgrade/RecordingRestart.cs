using Falcon.Roles.Agent.Upgrade;

namespace Falcon.Tests.Roles.Agent.Upgrade;

/// <summary>Counts restarts instead of stopping the test host.</summary>
internal sealed class RecordingRestart : IUpgradeRestart
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public string? LastWhy { get; private set; }

    public void Restart(string why)
    {
        LastWhy = why;
        Interlocked.Increment(ref _count);
    }
}
