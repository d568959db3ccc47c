using Falcon.Shared.Model.Agents;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Agent.Upgrade;

/// <summary>
/// Failed attempts per target version, so a version that failed is not fetched again at every heartbeat (the fork
/// retried every 60 s for ever): the wait starts at agent.upgrade.retryDelay and doubles per failure, up to an hour.
/// Also keeps how the last attempt ended, which the heartbeat reports to hbs (<see cref="AgentUpgradeOutcome"/>).
/// </summary>
internal sealed class UpgradeAttempts(IOptions<SelfUpgradeOptions> options, TimeProvider time)
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromHours(1);
    private readonly Dictionary<string, (int Failures, DateTimeOffset RetryAt)> _failed = new(StringComparer.Ordinal);
    private AgentUpgradeOutcome? _last;

    /// <summary>How the last attempt ended, when it left this agent on its old version; null otherwise (or once a new attempt starts).</summary>
    public AgentUpgradeOutcome? LastOutcome
    {
        get
        {
            lock (_failed)
            {
                return _last;
            }
        }
    }

    /// <summary>When <paramref name="version"/> may be tried again; in the past when it may be tried now.</summary>
    public DateTimeOffset RetryAt(string version)
    {
        lock (_failed)
        {
            return _failed.TryGetValue(version, out var entry) ? entry.RetryAt : DateTimeOffset.MinValue;
        }
    }

    /// <summary>A new attempt at <paramref name="version"/> starts: the previous outcome is no longer news.</summary>
    public void Started(string version)
    {
        lock (_failed)
        {
            _last = null;
        }
    }

    /// <summary>The agent will not try <paramref name="version"/> (self-upgrade off, unsupported command); not counted as a failure.</summary>
    public void RecordRefusal(string version, string reason)
    {
        lock (_failed)
        {
            if (_last is { Result: AgentUpgradeOutcome.Refused } last && last.Version == version && last.Reason == reason)
            {
                return;
            }

            _last = Outcome(version, AgentUpgradeOutcome.Refused, reason);
        }
    }

    /// <summary>Counts a failure of <paramref name="version"/> (<paramref name="result"/>: failed or rolled back) and returns when it may be tried again.</summary>
    public DateTimeOffset RecordFailure(string version, string result, string reason)
    {
        lock (_failed)
        {
            _last = Outcome(version, result, reason);
            var failures = (_failed.TryGetValue(version, out var entry) ? entry.Failures : 0) + 1;
            var first = options.Value.RetryDelay;
            var delay = first * Math.Pow(2, Math.Min(failures - 1, 20));
            if (delay > MaxDelay)
            {
                delay = first > MaxDelay ? first : MaxDelay;
            }

            var retryAt = time.GetUtcNow() + delay;
            _failed[version] = (failures, retryAt);
            return retryAt;
        }
    }

    private AgentUpgradeOutcome Outcome(string version, string result, string reason) => new()
    {
        Version = version,
        Result = result,
        // One line of bounded size: it travels in every heartbeat until the next attempt.
        Reason = reason.ReplaceLineEndings(" ") is { Length: > 500 } longReason ? longReason[..500] : reason.ReplaceLineEndings(" "),
        At = time.GetUtcNow().ToUnixTimeMilliseconds(),
    };
}
