using System.Text.Json.Serialization;

namespace Falcon.Roles.Alarm.Routing;

/// <summary>Source-generated JSON for the low-priority notification lists.</summary>
[JsonSerializable(typeof(UserNotification))]
internal sealed partial class RoutingJsonContext : JsonSerializerContext;
