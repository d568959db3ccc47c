using System.Text.Json.Serialization;
using Falcon.Roles.Aggregator.Http;
using Falcon.Roles.Aggregator.Inputs;

namespace Falcon.Roles.Aggregator;

/// <summary>Source-generated JSON for the aggregator's HTTP client and API (NativeAOT-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HbsReply<List<string>>))]
[JsonSerializable(typeof(HbsReply<List<HbsGroupMember>>))]
[JsonSerializable(typeof(OwnedDefinitionsView))]
[JsonSerializable(typeof(PreviewView))]
[JsonSerializable(typeof(ApiError))]
internal sealed partial class AggregatorJsonContext : JsonSerializerContext;
