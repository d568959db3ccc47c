using System.Net;

namespace Falcon.Shared.Tsdb;

/// <summary>The result of <see cref="RemoteWriteClient.WriteAsync"/>: a status, the HTTP status if one came back, and the error text.</summary>
internal readonly record struct RemoteWriteOutcome(RemoteWriteStatus Status, HttpStatusCode? HttpStatus, string? Error)
{
    public static RemoteWriteOutcome Success { get; } = new(RemoteWriteStatus.Success, null, null);

    public bool IsSuccess => Status == RemoteWriteStatus.Success;

    public static RemoteWriteOutcome Retryable(HttpStatusCode? status, string error) => new(RemoteWriteStatus.RetryableFailure, status, error);

    public static RemoteWriteOutcome Permanent(HttpStatusCode status, string error) => new(RemoteWriteStatus.PermanentFailure, status, error);
}
