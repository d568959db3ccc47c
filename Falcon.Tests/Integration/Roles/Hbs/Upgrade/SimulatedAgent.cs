using Falcon.Shared.Model.Agents;

namespace Falcon.Tests.Integration.Roles.Hbs.Upgrade;

/// <summary>An agent as the fork's reporter behaves: sets InUpgrading on receiving the args, restarts at the new version some heartbeats later.</summary>
internal sealed class SimulatedAgent(string hostname, int heartbeatsToUpgrade, bool diesWhileUpgrading)
{
    private int _heartbeatsLeft;
    private bool _slotExpired;

    public string Hostname { get; } = hostname;

    public string Version { get; private set; } = UpgradeHarness.OldVersion;

    public bool InUpgrading { get; private set; }

    /// <summary>Times it was sent the args.</summary>
    public int Received { get; private set; }

    /// <summary>When its current slot was granted (unix ms); the coordinator's slot deadline is counted from it.</summary>
    public long GrantedAtMs { get; private set; }

    /// <summary>Gone for good after receiving the args: it never heartbeats again.</summary>
    public bool Dead { get; private set; }

    public bool Upgraded => Version == UpgradeHarness.NewVersion;

    /// <summary>True once, when a dead agent's slot deadline has passed (its slot is then free in Redis).</summary>
    public bool SlotExpired(long nowMs, TimeSpan slotTimeout)
    {
        if (!Dead || _slotExpired || nowMs < GrantedAtMs + (long)slotTimeout.TotalMilliseconds)
        {
            return false;
        }

        _slotExpired = true;
        return true;
    }

    /// <summary>The heartbeat it sends now; an upgrade in progress completes after its number of heartbeats.</summary>
    public AgentReportRequest NextHeartbeat()
    {
        if (InUpgrading && --_heartbeatsLeft <= 0)
        {
            Version = UpgradeHarness.NewVersion;
            InUpgrading = false;
        }

        return UpgradeHarness.Heartbeat(Hostname, Version, InUpgrading);
    }

    public void Receive(AgentUpgradeArgs args, long nowMs)
    {
        Assert.That(args.Version, Is.EqualTo(UpgradeHarness.NewVersion));
        Received++;
        GrantedAtMs = nowMs;
        InUpgrading = true;
        _heartbeatsLeft = heartbeatsToUpgrade;
        Dead = diesWhileUpgrading;
    }
}
