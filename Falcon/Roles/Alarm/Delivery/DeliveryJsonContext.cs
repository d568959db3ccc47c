using System.Text.Json.Serialization;

namespace Falcon.Roles.Alarm.Delivery;

/// <summary>JSON of the records kept in Redis and printed by `falcon alarm failed --json` (source-generated for NativeAOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(DeliveryRecord))]
[JsonSerializable(typeof(List<DeliveryRecord>))]
internal sealed partial class DeliveryJsonContext : JsonSerializerContext;
