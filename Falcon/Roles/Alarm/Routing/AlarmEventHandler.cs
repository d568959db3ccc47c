using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Consumption;
using Falcon.Roles.Alarm.Records;
using Falcon.Shared.Model.Events;
using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Alarm.Routing;

/// <summary>
/// What a worker does with a batch, in open-falcon's order: record every event in the alarms database, then route
/// each in turn (callback, messages sent now, low-priority notifications queued for the combiner). It returns only
/// when all of that is done and durable, so the batch can be acknowledged. The messages of a batch are handed to
/// delivery together, in order, in one step.
/// </summary>
internal sealed class AlarmEventHandler(
    EventRecorder recorder,
    EventRouting routing,
    CallbackInvoker callbacks,
    NotificationQueue notifications,
    IAlarmDispatcher dispatcher,
    IEnumerable<IAlarmMessageDecorator> decorators,
    ILogger<AlarmEventHandler> logger) : IEventBatchHandler
{
    private readonly IAlarmMessageDecorator[] _decorators = [.. decorators];

    public async Task HandleAsync(IReadOnlyList<ConsumedEvent> batch, CancellationToken cancellationToken)
    {
        await recorder.RecordAsync(batch, cancellationToken);
        // Someone acknowledged these cases (the console, or open-falcon's api): their repeats are not sent again;
        // recoveries and new cases are, as the recorder ends the acknowledgement with them.
        var acknowledged = await recorder.AcknowledgedAsync(batch, cancellationToken);
        var deferred = new List<(ChannelKind, UserNotification)>();
        var messages = new List<AlarmMessage>();
        var callbackRuns = new List<Task<IReadOnlyList<AlarmMessage>>>();
        try
        {
            foreach (var consumed in batch)
            {
                var e = consumed.Event;
                if (e.ActionId <= 0)
                {
                    continue;
                }

                if (acknowledged.Contains(e.Id))
                {
                    ConsumptionLog.Acknowledged(logger, e.Id, e.CurrentStep);
                    continue;
                }

                var routed = await routing.RouteAsync(consumed, RouteMode.Send, cancellationToken);
                if (routed is null)
                {
                    ConsumptionLog.NoRecipients(logger, e.Id, e.ActionId);
                    continue;
                }

                var route = routed.Filtered;
                if (route.Callback)
                {
                    // Callbacks are slow HTTP calls, run alongside (bounded by CallbackInvoker) and awaited before the batch ends.
                    callbackRuns.Add(callbacks.RunAsync(e, route, cancellationToken));
                }

                var plan = routed.Plan;
                foreach (var message in plan.Messages)
                {
                    messages.Add(Decorate(message, e));
                }

                deferred.AddRange(plan.Deferred);
            }

            if (messages.Count > 0)
            {
                await dispatcher.DispatchManyAsync(messages, cancellationToken);
            }

            await notifications.EnqueueAsync(deferred, cancellationToken);
        }
        finally
        {
            // Never leave a callback running unobserved, even when the batch failed and will be retried.
            await Task.WhenAll(callbackRuns.Select(static t => t.ContinueWith(static _ => { }, TaskScheduler.Default)));
        }

        var afterCallbacks = new List<AlarmMessage>();
        foreach (var run in callbackRuns)
        {
            foreach (var message in await run)
            {
                afterCallbacks.Add(Decorate(message, null));
            }
        }

        if (afterCallbacks.Count > 0)
        {
            await dispatcher.DispatchManyAsync(afterCallbacks, cancellationToken);
        }
    }

    private AlarmMessage Decorate(AlarmMessage message, JudgeEvent? source)
    {
        foreach (var decorator in _decorators)
        {
            message = decorator.Decorate(message, source);
        }

        return message;
    }
}
