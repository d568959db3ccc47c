using Falcon.Shared.Redis;
using StackExchange.Redis;

namespace Falcon.Roles.Hbs.Upgrade;

/// <summary>
/// The Redis keys of the upgrade task, all under one hash tag (`{agent_upgrade}:...`) so every script touching them
/// runs on a single Redis Cluster slot.
/// </summary>
/// <remarks>
/// Replaces the fork's `agent_upgrade_set` (a SET with one TTL for the whole set). A name without braces cannot share
/// a slot with the others, so it is not kept; the same information, per host and with each host's deadline, is:
/// <code>
/// ZRANGE {agent_upgrade}:slots 0 -1 WITHSCORES   # was SMEMBERS agent_upgrade_set; score = deadline, unix ms
/// ZCARD {agent_upgrade}:slots                    # was SCARD agent_upgrade_set
/// </code>
/// A member whose score is in the past has timed out and is removed (and counted as a failed attempt) by the next
/// heartbeat that needs a slot.
/// </remarks>
internal sealed class UpgradeKeys
{
    public UpgradeKeys(string prefix)
    {
        Task = RedisKeys.Companion(prefix, "task");
        Slots = RedisKeys.Companion(prefix, "slots");
        Attempts = RedisKeys.Companion(prefix, "attempts");
        Retry = RedisKeys.Companion(prefix, "retry");
        Failed = RedisKeys.Companion(prefix, "failed");
        Done = RedisKeys.Companion(prefix, "done");
        Pending = RedisKeys.Companion(prefix, "pending");
        Canary = RedisKeys.Companion(prefix, "canary");
        Outcomes = RedisKeys.Companion(prefix, "outcomes");
        All = [Task, Slots, Attempts, Retry, Failed, Done, Pending, Canary, Outcomes];
    }

    /// <summary>HASH: id, state, args (JSON), canary options, created (unix ms), outcome counters, pause reason.</summary>
    public RedisKey Task { get; }

    /// <summary>ZSET hostname → slot deadline (unix ms): the hosts upgrading now; its size is capped.</summary>
    public RedisKey Slots { get; }

    /// <summary>HASH hostname → attempts so far (a grant is an attempt).</summary>
    public RedisKey Attempts { get; }

    /// <summary>HASH hostname → unix ms before which a host that failed an attempt gets no new slot.</summary>
    public RedisKey Retry { get; }

    /// <summary>HASH hostname → `attempts|unix ms|last error` of hosts that used up their attempts.</summary>
    public RedisKey Failed { get; }

    /// <summary>SET of hosts that report the target version.</summary>
    public RedisKey Done { get; }

    /// <summary>SET of hosts seen needing the upgrade that hold no slot (waiting for one, for the canaries, or backing off).</summary>
    public RedisKey Pending { get; }

    /// <summary>SET of canary hosts seen that are not done yet; the rest wait while it is not empty.</summary>
    public RedisKey Canary { get; }

    /// <summary>
    /// HASH hostname → `result|unix ms|reason` of each host's last failed attempt (failed, refused, rolledBack), as the
    /// agent reported it or, for agents that report nothing (Go agents), as hbs saw it; removed when the host is done.
    /// </summary>
    public RedisKey Outcomes { get; }

    /// <summary>Every key above in the order the scripts expect them as KEYS[1..9].</summary>
    public RedisKey[] All { get; }
}
