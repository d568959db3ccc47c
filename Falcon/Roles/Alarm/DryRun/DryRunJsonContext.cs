using System.Text.Json.Serialization;
using Falcon.Roles.Alarm.Silences;

namespace Falcon.Roles.Alarm.DryRun;

/// <summary>Source-generated JSON for the dry run API (NativeAOT-safe).</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DryRunRequest))]
[JsonSerializable(typeof(DryRunAnswer))]
[JsonSerializable(typeof(SilenceMessageResponse))]
internal sealed partial class DryRunJsonContext : JsonSerializerContext;
