using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Events;

/// <summary>Source-generated JSON for judge events; names are read case-insensitively as Go's encoding/json does.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(JudgeEvent))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
