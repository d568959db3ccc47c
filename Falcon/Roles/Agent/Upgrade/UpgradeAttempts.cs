using Microsoft.Extensions.Options;

namespace Falcon.Roles.Agent.Upgrade;

/// <summary>
/// Failed attempts per target version, so a version that failed is not fetched again at every heartbeat (the fork
/// retried every 60 s for ever): the wait starts at agent.upgrade.retryDelay and doubles per failure, up to an hour.
/// </summary>
internal sealed class UpgradeAttempts(IOptions<SelfUpgradeOptions> options, TimeProvider time)
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromHours(1);
    private readonly Dictionary<string, (int Failures, DateTimeOffset RetryAt)> _failed = new(StringComparer.Ordinal);

    /// <summary>When <paramref name="version"/> may be tried again; in the past when it may be tried now.</summary>
    public DateTimeOffset RetryAt(string version)
    {
        lock (_failed)
        {
            return _failed.TryGetValue(version, out var entry) ? entry.RetryAt : DateTimeOffset.MinValue;
        }
    }

    /// <summary>Counts a failure of <paramref name="version"/> and returns when it may be tried again.</summary>
    public DateTimeOffset RecordFailure(string version)
    {
        lock (_failed)
        {
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
}
