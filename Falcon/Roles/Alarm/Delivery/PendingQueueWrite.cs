namespace Falcon.Roles.Alarm.Delivery;

/// <summary>
/// A failure-queue write Redis could not take yet: schedule at <see cref="Due"/>, or (when null) move to the final queue,
/// removing the message from <see cref="Source"/>.
/// </summary>
internal sealed record PendingQueueWrite(DeliveryRecord Record, DateTimeOffset? Due, DeliveryQueue Source);
