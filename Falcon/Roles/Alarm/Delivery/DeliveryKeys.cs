using Falcon.Shared.Redis;

namespace Falcon.Roles.Alarm.Delivery;

/// <summary>The delivery queues' Redis keys; all share one hash tag, so the scripts that move between them work on a Redis Cluster.</summary>
internal sealed class DeliveryKeys(string prefix)
{
    /// <summary>ZSET message id → when it was dispatched (unix ms): accepted from routing, first round not yet done.</summary>
    public string Outbox { get; } = RedisKeys.Companion(prefix, "outbox");

    /// <summary>HASH message id → <see cref="DeliveryRecord"/> JSON.</summary>
    public string OutboxRecords { get; } = RedisKeys.Companion(prefix, "outbox", "records");

    /// <summary>ZSET message id → when its next round is due (unix ms).</summary>
    public string Failed { get; } = RedisKeys.Companion(prefix, "failed");

    /// <summary>HASH message id → <see cref="DeliveryRecord"/> JSON.</summary>
    public string FailedRecords { get; } = RedisKeys.Companion(prefix, "failed", "records");

    /// <summary>ZSET message id → when it failed for good (unix ms).</summary>
    public string Final { get; } = RedisKeys.Companion(prefix, "final");

    /// <summary>HASH message id → <see cref="DeliveryRecord"/> JSON.</summary>
    public string FinalRecords { get; } = RedisKeys.Companion(prefix, "final", "records");

    public (string Queue, string Records) Of(DeliveryQueue queue) => queue switch
    {
        DeliveryQueue.Outbox => (Outbox, OutboxRecords),
        DeliveryQueue.Failed => (Failed, FailedRecords),
        _ => (Final, FinalRecords),
    };

    /// <summary>STRING with a TTL: the message was delivered, so no retry sends it again.</summary>
    public string Sent(string messageId) => RedisKeys.Companion(prefix, "sent", messageId);
}
