using Falcon.Shared.Model.Agents;

namespace Falcon.Roles.Agent;

/// <summary>What the heartbeat loop needs from the self-upgrade: its state, the upgrade command, and the watchdog's all-clear.</summary>
internal interface ISelfUpgrade
{
    /// <summary>True while a download, check or swap runs; reported to hbs as `InUpgrading`.</summary>
    bool InProgress { get; }

    /// <summary>How the last attempt ended when it left the agent on its old version; reported to hbs as `FalconUpgrade`.</summary>
    AgentUpgradeOutcome? LastOutcome { get; }

    /// <summary>Called with the `Args` of every heartbeat reply that carries them; starts an upgrade in the background when needed and returns at once.</summary>
    void OnUpgradeCommand(AgentUpgradeArgs args);

    /// <summary>Called after every successful heartbeat; the first one tells the watchdog this binary works.</summary>
    void OnHeartbeatSucceeded();
}
