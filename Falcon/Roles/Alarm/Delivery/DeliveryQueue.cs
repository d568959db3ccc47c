namespace Falcon.Roles.Alarm.Delivery;

/// <summary>Where a message being delivered is kept in Redis.</summary>
internal enum DeliveryQueue
{
    /// <summary>In no queue: nothing to take the message out of (a record written straight to a queue).</summary>
    None,

    /// <summary>Dispatched by routing, waiting for its first round.</summary>
    Outbox,

    /// <summary>Failed a round, waiting for the next.</summary>
    Failed,

    /// <summary>Failed every round.</summary>
    Final,
}
