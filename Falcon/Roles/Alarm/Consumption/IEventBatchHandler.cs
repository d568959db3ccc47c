namespace Falcon.Roles.Alarm.Consumption;

/// <summary>Handles a batch of events of one worker, in order; the events are acknowledged only after it returns.</summary>
internal interface IEventBatchHandler
{
    /// <summary>Records and routes the events; throws to have the whole batch retried (nothing is acknowledged).</summary>
    Task HandleAsync(IReadOnlyList<ConsumedEvent> batch, CancellationToken cancellationToken);
}
