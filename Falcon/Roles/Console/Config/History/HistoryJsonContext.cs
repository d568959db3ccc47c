using System.Text.Json.Serialization;

namespace Falcon.Roles.Console.Config.History;

/// <summary>Source-generated JSON of the history routes.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<HistoryRow>))]
[JsonSerializable(typeof(string))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext;
