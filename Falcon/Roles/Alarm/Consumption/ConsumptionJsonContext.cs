using System.Text.Json.Serialization;

namespace Falcon.Roles.Alarm.Consumption;

/// <summary>Source-generated JSON for the dead-letter entries.</summary>
[JsonSerializable(typeof(DeadLetter))]
internal sealed partial class ConsumptionJsonContext : JsonSerializerContext;
