using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Alarm.Delivery;

/// <summary>Alarm channels' and delivery's log messages (event ids 5300-5499). Never given a URL path, token or password.</summary>
internal static partial class DeliveryLog
{
    [LoggerMessage(5300, LogLevel.Debug, "{Channel} message {Id} sent through the {Target} on try {Try}")]
    public static partial void Sent(ILogger logger, string channel, string id, string target, int @try);

    [LoggerMessage(5301, LogLevel.Warning, "{Channel} message {Id}: try {Try} at the {Target} failed: {Error}")]
    public static partial void TryFailed(ILogger logger, string channel, string id, int @try, string target, string error);

    [LoggerMessage(5302, LogLevel.Warning, "{Channel} message {Id} failed round {Round}; next round at {Due:u}")]
    public static partial void RoundFailed(ILogger logger, string channel, string id, int round, DateTimeOffset due);

    [LoggerMessage(5303, LogLevel.Error, "{Channel} message {Id} failed {Rounds} rounds and is in the final-failure queue (falcon alarm failed lists it): {Error}")]
    public static partial void FinalFailure(ILogger logger, string channel, string id, int rounds, string error);

    [LoggerMessage(5304, LogLevel.Information, "{Channel} message {Id} was already sent; not sending it again")]
    public static partial void AlreadySent(ILogger logger, string channel, string id);

    [LoggerMessage(5305, LogLevel.Warning, "{Channel} is not configured (alarm.{Section}); message {Id} dropped")]
    public static partial void Unconfigured(ILogger logger, string channel, string section, string id);

    [LoggerMessage(5310, LogLevel.Warning, "Redis error while delivering message {Id} ({Step}); keeping it in memory and retrying: {Error}")]
    public static partial void RedisFailed(ILogger logger, string id, string step, string error);

    [LoggerMessage(5311, LogLevel.Error, "{Count} failed messages are waiting in memory for Redis (alarm.delivery.pendingCapacity is full): message {Id} is lost")]
    public static partial void PendingFull(ILogger logger, int count, string id);

    [LoggerMessage(5312, LogLevel.Information, "Redis took {Count} failed messages held in memory")]
    public static partial void PendingFlushed(ILogger logger, int count);

    [LoggerMessage(5320, LogLevel.Error, "delivery retrier pass failed: {Error}")]
    public static partial void RetryPassFailed(ILogger logger, string error);

    [LoggerMessage(5322, LogLevel.Error, "delivery outbox pass failed: {Error}")]
    public static partial void OutboxPassFailed(ILogger logger, string error);

    [LoggerMessage(5321, LogLevel.Information, "retrying {Count} failed messages")]
    public static partial void Retrying(ILogger logger, int count);
}
