using System.Text.Json.Serialization;

namespace Falcon.Shared.Model;

/// <summary>Source-generated JSON metadata for the model types, since the NativeAOT build has no reflection serializer.</summary>
[JsonSerializable(typeof(MetricValue))]
[JsonSerializable(typeof(List<MetricValue>))]
[JsonSerializable(typeof(TagSet))]
internal sealed partial class ModelJsonContext : JsonSerializerContext;
