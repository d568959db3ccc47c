using Microsoft.Extensions.Logging;

namespace Falcon.Shared.Wire;

/// <summary>Log messages of the JSON-RPC server and client (event ids 9000-9099).</summary>
internal static partial class Log
{
    [LoggerMessage(9000, LogLevel.Information, "JSON-RPC server listening on {Endpoint}")]
    public static partial void ServerListening(this ILogger logger, string endpoint);

    [LoggerMessage(9001, LogLevel.Information, "JSON-RPC server on {Endpoint} stopped")]
    public static partial void ServerStopped(this ILogger logger, string endpoint);

    [LoggerMessage(9002, LogLevel.Warning, "JSON-RPC server on {Endpoint}: {Count} connections still busy at the stop deadline, closing them")]
    public static partial void StopDeadlineReached(this ILogger logger, string endpoint, int count);

    [LoggerMessage(9003, LogLevel.Warning, "JSON-RPC accept on {Endpoint} failed")]
    public static partial void AcceptFailed(this ILogger logger, string endpoint, Exception exception);

    [LoggerMessage(9004, LogLevel.Warning, "JSON-RPC refused {Count} connection(s), the last from {Remote}: {Max} connections open (host.maxConnections)")]
    public static partial void ConnectionRefused(this ILogger logger, int count, string remote, int max);

    [LoggerMessage(9005, LogLevel.Debug, "JSON-RPC connection from {Remote} opened")]
    public static partial void ConnectionOpened(this ILogger logger, string remote);

    [LoggerMessage(9006, LogLevel.Debug, "JSON-RPC connection from {Remote} closed")]
    public static partial void ConnectionClosed(this ILogger logger, string remote);

    [LoggerMessage(9007, LogLevel.Debug, "JSON-RPC connection from {Remote} idle, closing")]
    public static partial void ConnectionIdle(this ILogger logger, string remote);

    [LoggerMessage(9008, LogLevel.Debug, "JSON-RPC connection from {Remote} broken")]
    public static partial void ConnectionBroken(this ILogger logger, string remote, Exception exception);

    [LoggerMessage(9009, LogLevel.Warning, "JSON-RPC connection from {Remote} sent an unreadable stream, closing: {Reason}")]
    public static partial void UnreadableStream(this ILogger logger, string remote, string reason);

    [LoggerMessage(9010, LogLevel.Debug, "JSON-RPC request from {Remote} rejected: {Reason}")]
    public static partial void RequestRejected(this ILogger logger, string remote, string reason);

    [LoggerMessage(9011, LogLevel.Warning, "JSON-RPC handler {Method} failed for {Remote}")]
    public static partial void HandlerFailed(this ILogger logger, string method, string remote, Exception exception);

    [LoggerMessage(9012, LogLevel.Warning, "JSON-RPC connection from {Remote} closed: {Reason}")]
    public static partial void SlowConnectionClosed(this ILogger logger, string remote, string reason);

    [LoggerMessage(9050, LogLevel.Information, "JSON-RPC client connected to {Address}")]
    public static partial void ClientConnected(this ILogger logger, string address);

    [LoggerMessage(9051, LogLevel.Warning, "JSON-RPC client cannot connect to {Address}: {Reason}")]
    public static partial void ClientDialFailed(this ILogger logger, string address, string reason);

    [LoggerMessage(9052, LogLevel.Information, "JSON-RPC client connection to {Address} closed: {Reason}")]
    public static partial void ClientConnectionClosed(this ILogger logger, string address, string reason);

    [LoggerMessage(9053, LogLevel.Debug, "JSON-RPC client got a reply from {Address} for id {Id} that nobody waits for")]
    public static partial void ClientUnexpectedReply(this ILogger logger, string address, ulong id);
}
