using System.Text.Json.Serialization;

namespace Falcon.Shared.Tsdb;

[JsonSerializable(typeof(PromApiResponse))]
internal sealed partial class TsdbJsonContext : JsonSerializerContext;
