using System.Text.Json.Serialization;

namespace Falcon.Roles.Alarm.Consumption;

/// <summary>An entry of the dead-letter list: why an event could not be handled and its text as it was in Redis.</summary>
internal sealed record DeadLetter(
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("queue")] string Queue,
    [property: JsonPropertyName("instance")] string Instance,
    [property: JsonPropertyName("at")] long At,
    [property: JsonPropertyName("event")] string Event);
