using System.Text.Json.Serialization;

namespace Falcon.Roles.Judge.Events;

/// <summary>Source-generated JSON for the persisted last events (NativeAOT has no reflection serializer).</summary>
[JsonSerializable(typeof(StoredLastEvent))]
internal sealed partial class LastEventJsonContext : JsonSerializerContext;
