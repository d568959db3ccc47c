using System.Globalization;
using Falcon.Roles.Judge.Events;
using Falcon.Shared.Model.Events;
using Falcon.Shared.Wire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Judge.Heartbeat;

/// <summary>
/// Sends the pipeline heartbeat (<see cref="PipelineHeartbeat"/>) at start and then every judge.heartbeat.interval,
/// through the same outbox and Redis queue as this judge's alarms, so alarm notices when events stop coming through.
/// </summary>
internal sealed class HeartbeatSender(
    EventOutbox outbox,
    IOptions<HeartbeatOptions> options,
    IOptions<JudgeOptions> judgeOptions,
    TimeProvider timeProvider,
    ILogger<HeartbeatSender> logger) : BackgroundService
{
    private readonly HeartbeatOptions _options = options.Value;

    /// <summary>The name this judge gives itself in heartbeats.</summary>
    public string JudgeName { get; } = NameOf(options.Value, judgeOptions.Value);

    /// <summary>Queues one heartbeat for Redis (waits while the outbox is full, as judging does).</summary>
    public ValueTask BeatAsync(CancellationToken cancellationToken) =>
        outbox.EnqueueAsync(PipelineHeartbeat.Create(JudgeName, _options.Priority, timeProvider.GetUtcNow()), cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        Log.HeartbeatStarted(logger, JudgeName, _options.Interval);
        using var timer = new PeriodicTimer(_options.Interval, timeProvider);
        try
        {
            do
            {
                await BeatAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: no heartbeat is what alarm should see from a judge that stopped.
        }
    }

    private static string NameOf(HeartbeatOptions options, JudgeOptions judge)
    {
        if (!string.IsNullOrWhiteSpace(options.Name))
        {
            return options.Name.Trim();
        }

        var port = WireEndpoint.Parse(judge.RpcListen).Port;
        return string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{port}");
    }
}
