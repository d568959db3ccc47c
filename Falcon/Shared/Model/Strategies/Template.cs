using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Strategies;

/// <summary>open-falcon's Template (common/model/template.go): a strategy template; its actionId routes the alarms.</summary>
internal sealed record Template
{
    [JsonPropertyName("id")]
    public long Id { get; init; }

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    /// <summary>The template this one inherits from, 0 for none.</summary>
    [JsonPropertyName("parentId")]
    public long ParentId { get; init; }

    [JsonPropertyName("actionId")]
    public long ActionId { get; init; }

    [JsonPropertyName("creator")]
    public string Creator { get; init; } = "";
}
