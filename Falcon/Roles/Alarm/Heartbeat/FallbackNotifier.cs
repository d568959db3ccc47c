using System.Globalization;
using Falcon.Roles.Alarm.Channels;
using Falcon.Shared.Model.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Heartbeat;

/// <summary>
/// Posts to alarm.heartbeat.fallbackUrl in the bot format of alarm.heartbeat.fallbackFormat, straight from this
/// process: not through delivery, whose queues live in the Redis the silence may be about.
/// </summary>
internal sealed class FallbackNotifier(IHttpClientFactory clients, IOptions<PipelineWatchOptions> options, ILogger<FallbackNotifier> logger)
{
    private readonly PipelineWatchOptions _options = options.Value;

    /// <summary>True when the receiver took the message, or when there is no receiver (nothing to retry).</summary>
    public async Task<bool> SendAsync(FallbackMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrWhiteSpace(_options.FallbackUrl))
        {
            return true;
        }

        var url = new Uri(_options.FallbackUrl);
        var status = message.Recovered ? "OK" : "PROBLEM";
        var host = Environment.MachineName;
        var subject = message.Recovered ? "Falcon: alarm pipeline heartbeats are back" : "Falcon: alarm pipeline is silent, alarms may not be sent";
        var content = string.Create(
            CultureInfo.InvariantCulture,
            $"[P0][{status}][{host}][alarm pipeline heartbeat]\n{message.Text}\nat {DateTimeOffset.FromUnixTimeMilliseconds(message.AtUnixMs):yyyy-MM-dd HH:mm:ss}Z, seen by the alarm on {host}");
        var alarm = new AlarmMessage(
            $"{PipelineHeartbeat.EventId}-{message.AtUnixMs}", ChannelKind.Im, [], [], subject, content, 0, status, PipelineHeartbeat.EventId, []);
        string? failure = null;
        var answer = await ChannelHttp.PostAsync(
            clients.CreateClient(ChannelHttp.ClientName), url, ChannelHttp.Json(ImPayload.Create(_options.FallbackFormat, alarm)), null, _options.FallbackTimeout, f => failure = f, cancellationToken);
        var outcome = answer is { } a ? ImReply.Read(_options.FallbackFormat, a.Status, a.Body) : SendOutcome.Failed(failure ?? "no answer");
        if (outcome.Succeeded)
        {
            HeartbeatLog.FallbackSent(logger, status, ChannelUrls.Redact(url));
            return true;
        }

        HeartbeatLog.FallbackFailed(logger, status, outcome.Detail);
        return false;
    }
}
