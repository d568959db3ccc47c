using System.Text.Json.Serialization;

namespace Falcon.Roles.Alarm.Search;

/// <summary>Source-generated JSON for the alarm search API and `falcon alarm search` (NativeAOT-safe).</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AlarmSearchPage))]
[JsonSerializable(typeof(AlarmCaseResponse))]
[JsonSerializable(typeof(AlarmEventsResponse))]
[JsonSerializable(typeof(AlarmSearchError))]
[JsonSerializable(typeof(ApiTokenHeader))]
internal sealed partial class AlarmSearchJsonContext : JsonSerializerContext;
