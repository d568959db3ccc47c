using System.Globalization;
using Falcon.Shared.Redis;

namespace Falcon.Roles.Alarm.Consumption;

/// <summary>
/// The hash of consumer instances: field = instance id, value = `&lt;token&gt;|&lt;unix ms of the last heartbeat&gt;`.
/// The token tells one run of an instance from the next; a heartbeat of 0 marks a clean stop.
/// </summary>
internal sealed class ConsumerRegistry(RedisConnection redis, string registryKey, string instanceId, TimeProvider timeProvider)
{
    /// <summary>This run's token.</summary>
    public string Token { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Records that this instance is alive now.</summary>
    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        await db.HashSetAsync(registryKey, instanceId, Value(timeProvider.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    /// <summary>Records a clean stop: whoever looks next may take over what is left in flight at once.</summary>
    public async Task MarkStoppedAsync(CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        await db.HashSetAsync(registryKey, instanceId, Value(0));
    }

    /// <summary>Every registered instance with its raw value and last heartbeat.</summary>
    public async Task<IReadOnlyList<ConsumerInstance>> ListAsync(CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        var entries = await db.HashGetAllAsync(registryKey);
        var instances = new List<ConsumerInstance>(entries.Length);
        foreach (var entry in entries)
        {
            var value = (string)entry.Value!;
            var bar = value.LastIndexOf('|');
            // An unreadable value counts as a heartbeat at 0: that instance is treated as stopped.
            var beat = bar >= 0 && long.TryParse(value.AsSpan(bar + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? ms : 0;
            var token = bar >= 0 ? value[..bar] : value;
            instances.Add(new ConsumerInstance((string)entry.Name!, token, DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(0, beat)), value));
        }

        return instances;
    }

    /// <summary>Removes a stopped instance's entry, unless it has come back since <paramref name="seen"/> was read.</summary>
    public async Task<bool> ForgetAsync(ConsumerInstance seen, CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        var removed = (long)await db.ScriptEvaluateAsync(ReliableQueueScripts.ForgetIfUnchanged, [registryKey], [seen.Id, seen.RawValue]);
        return removed == 1;
    }

    private string Value(long unixMs) => Token + "|" + unixMs.ToString(CultureInfo.InvariantCulture);
}
