using System.Text.Json.Serialization;

namespace Falcon.Shared.Silences;

/// <summary>Source-generated JSON for silences as Redis holds them and the alarm API returns them.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Silence))]
[JsonSerializable(typeof(IReadOnlyList<Silence>))]
internal sealed partial class SilenceJsonContext : JsonSerializerContext;
