using System.Text.Json.Serialization;

namespace Falcon.Roles.Hbs.Config;

/// <summary>Source-generated JSON for <see cref="PortalSnapshot"/> (NativeAOT has no reflection serializer).</summary>
// A null where the types say none can be (a JSON null for a list or a hostname) fails the read here, so a
// damaged snapshot is refused and the reader falls back to MySQL, instead of failing later in a handler.
[JsonSourceGenerationOptions(RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(PortalSnapshot))]
internal sealed partial class PortalSnapshotJsonContext : JsonSerializerContext;
