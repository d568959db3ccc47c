using Falcon.Roles.Alarm.Consumption;
using Falcon.Shared.Model.Events;

namespace Falcon.Roles.Alarm.Heartbeat;

/// <summary>
/// Takes the pipeline heartbeats out of a batch before anything is recorded or routed: the rest of the batch goes on
/// to <paramref name="inner"/> unchanged, and once it is handled each heartbeat notes its judge's arrival.
/// </summary>
internal sealed class PipelineHeartbeatHandler(IEventBatchHandler inner, PipelineWatchdog? watchdog) : IEventBatchHandler
{
    public async Task HandleAsync(IReadOnlyList<ConsumedEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        List<ConsumedEvent>? rest = null;
        List<(string Queue, string Judge)>? judges = null;
        for (var i = 0; i < batch.Count; i++)
        {
            if (PipelineHeartbeat.Is(batch[i].Event))
            {
                rest ??= [.. batch.Take(i)];
                (judges ??= []).Add((batch[i].Queue, batch[i].Event.Endpoint));
            }
            else
            {
                rest?.Add(batch[i]);
            }
        }

        if (judges is null)
        {
            await inner.HandleAsync(batch, cancellationToken);
            return;
        }

        // The alarms beside the heartbeats first: a batch that fails (MySQL refusing, say) is retried, and its
        // heartbeats must not say the pipeline works while it does not.
        if (rest!.Count > 0)
        {
            await inner.HandleAsync(rest, cancellationToken);
        }

        if (watchdog is not null)
        {
            await watchdog.ArrivedAsync(judges, cancellationToken);
        }
    }
}
