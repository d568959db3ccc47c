using System.Text.Json.Serialization;
using Falcon.Shared.Silences;

namespace Falcon.Roles.Alarm.Silences;

/// <summary>Source-generated JSON for the silence API and `falcon silence` (NativeAOT-safe).</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SilenceAddRequest))]
[JsonSerializable(typeof(SilenceDataResponse<Silence>))]
[JsonSerializable(typeof(SilenceDataResponse<IReadOnlyList<Silence>>))]
[JsonSerializable(typeof(SilenceDataResponse<string>))]
[JsonSerializable(typeof(SilenceMessageResponse))]
internal sealed partial class SilenceApiJsonContext : JsonSerializerContext;
