using System.Text.Json.Serialization;

namespace Falcon.Roles.Console.Api;

/// <summary>The body the alarm role's `POST /api/silences` takes.</summary>
internal sealed class AlarmSilenceAdd
{
    [JsonPropertyName("user")]
    public string User { get; init; } = "";

    [JsonPropertyName("endpoint")]
    public string? Endpoint { get; init; }

    [JsonPropertyName("counter")]
    public string? Counter { get; init; }

    [JsonPropertyName("for")]
    public string? For { get; init; }

    [JsonPropertyName("comment")]
    public string? Comment { get; init; }

    [JsonPropertyName("createdBy")]
    public string CreatedBy { get; init; } = "";
}
