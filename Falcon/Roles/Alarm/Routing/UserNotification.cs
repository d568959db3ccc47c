using System.Text.Json.Serialization;

namespace Falcon.Roles.Alarm.Routing;

/// <summary>
/// A low-priority notification for one recipient, waiting in /queue/user/{sms,im,mail} to be combined (open-falcon's
/// user DTOs, with the recipient in one field and a flag for IM group chats).
/// </summary>
internal sealed record UserNotification
{
    /// <summary>The message id the notification has if sent alone.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    [JsonPropertyName("eventId")]
    public string EventId { get; init; } = "";

    [JsonPropertyName("priority")]
    public int Priority { get; init; }

    [JsonPropertyName("status")]
    public string Status { get; init; } = "";

    [JsonPropertyName("metric")]
    public string Metric { get; init; } = "";

    /// <summary>The mail subject; empty for SMS and IM.</summary>
    [JsonPropertyName("subject")]
    public string Subject { get; init; } = "";

    [JsonPropertyName("content")]
    public string Content { get; init; } = "";

    /// <summary>A phone, e-mail address, IM id, or IM group chat when <see cref="Group"/>.</summary>
    [JsonPropertyName("recipient")]
    public string Recipient { get; init; } = "";

    [JsonPropertyName("group")]
    public bool Group { get; init; }
}
