using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Alarm.Consumption;

/// <summary>Log messages of the alarm role's event consumption, records and routing (event ids 5000-5299).</summary>
internal static partial class ConsumptionLog
{
    [LoggerMessage(5000, LogLevel.Information, "alarm consumer {Instance} started on {Queues} queues with {Workers} workers")]
    public static partial void Started(ILogger logger, string instance, int queues, int workers);

    [LoggerMessage(5001, LogLevel.Information, "alarm consumer {Instance} stopped; events still in flight stay in its in-flight lists")]
    public static partial void Stopped(ILogger logger, string instance);

    [LoggerMessage(5002, LogLevel.Warning, "alarm consumer {Instance} could not mark its stop in the registry; others take over after the heartbeat timeout: {Error}")]
    public static partial void MarkStoppedFailed(ILogger logger, string instance, string error);

    [LoggerMessage(5003, LogLevel.Warning, "alarm consumer id {Instance} is still heartbeating (a crashed run or a second process with the same alarm.consumer.instanceId); waiting {Wait}")]
    public static partial void InstanceIdLive(ILogger logger, string instance, TimeSpan wait);

    [LoggerMessage(5004, LogLevel.Warning, "alarm consumer Redis {Operation} failed, retrying in {Backoff}: {Error}")]
    public static partial void RedisFailed(ILogger logger, string operation, TimeSpan backoff, string error);

    [LoggerMessage(5005, LogLevel.Information, "alarm consumer {Instance} took back {Count} events it had in flight before its restart")]
    public static partial void RecoveredOwn(ILogger logger, string instance, long count);

    [LoggerMessage(5006, LogLevel.Warning, "alarm consumer {Instance} took over {Count} in-flight items of {Stopped}, silent since {LastBeat}")]
    public static partial void TookOver(ILogger logger, string instance, string stopped, long count, DateTimeOffset lastBeat);

    [LoggerMessage(5007, LogLevel.Warning, "malformed event from {Queue} moved to the dead-letter list: {Reason}; event: {Event}")]
    public static partial void DeadLettered(ILogger logger, string queue, string reason, string @event);

    [LoggerMessage(5016, LogLevel.Error, "alarm worker {Worker}: MySQL refused the data of a batch of {Count} events; moving the refused events to the dead-letter list: {Error}")]
    public static partial void BatchRefused(ILogger logger, int worker, int count, string error);

    [LoggerMessage(5008, LogLevel.Warning, "alarm worker {Worker}: a batch of {Count} events failed, retrying in {Backoff}: {Error}")]
    public static partial void BatchFailed(ILogger logger, int worker, int count, TimeSpan backoff, string error);

    [LoggerMessage(5100, LogLevel.Debug, "alarm records: {Cases} event cases ({Inserted} new), {Events} events written, {Skipped} already recorded")]
    public static partial void Recorded(ILogger logger, int cases, int inserted, int events, int skipped);

    [LoggerMessage(5200, LogLevel.Warning, "alarm routing: looking up action {ActionId} failed, using the answer from {Loaded}: {Error}")]
    public static partial void RouteLookupFailed(ILogger logger, long actionId, DateTimeOffset loaded, string error);

    [LoggerMessage(5207, LogLevel.Warning, "alarm routing: cannot subscribe to the configuration change signal yet (retrying; actions are looked up again every cacheTtl meanwhile): {Error}")]
    public static partial void ChangeSignalSubscribeFailed(ILogger logger, string error);

    [LoggerMessage(5208, LogLevel.Information, "alarm routing looks actions up again when the console announces a configuration change on {Channel}")]
    public static partial void ChangeSignalSubscribed(ILogger logger, string channel);

    [LoggerMessage(5201, LogLevel.Debug, "alarm routing: event {EventId} has action {ActionId}, which does not exist or names no one; dropped as open-falcon does")]
    public static partial void NoRecipients(ILogger logger, string eventId, long actionId);

    [LoggerMessage(5206, LogLevel.Debug, "alarm routing: case {EventId} is acknowledged; step {Step} is recorded and not sent")]
    public static partial void Acknowledged(ILogger logger, string eventId, int step);

    [LoggerMessage(5202, LogLevel.Warning, "alarm callback {Url} for event {EventId} failed: {Error}")]
    public static partial void CallbackFailed(ILogger logger, string url, string eventId, string error);

    [LoggerMessage(5203, LogLevel.Warning, "alarm combiner: {Operation} failed, retrying next window: {Error}")]
    public static partial void CombinerFailed(ILogger logger, string operation, string error);

    [LoggerMessage(5204, LogLevel.Warning, "alarm combiner: unreadable entry in {Queue} dropped: {Entry}")]
    public static partial void CombinerEntryUnreadable(ILogger logger, string queue, string entry);

    [LoggerMessage(5205, LogLevel.Debug, "alarm combiner: {Entries} entries from {Queue} sent as {Messages} messages")]
    public static partial void Combined(ILogger logger, string queue, int entries, int messages);
}
