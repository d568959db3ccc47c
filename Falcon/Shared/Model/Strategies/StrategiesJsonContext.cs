using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Strategies;

/// <summary>Source-generated JSON for the hbs ↔ judge strategy messages; names are read case-insensitively as Go does.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(StrategiesResponse))]
[JsonSerializable(typeof(ExpressionsResponse))]
[JsonSerializable(typeof(HostStrategies))]
[JsonSerializable(typeof(EndpointRequest))]
[JsonSerializable(typeof(UnionIdRequest))]
[JsonSerializable(typeof(HostnameRequest))]
[JsonSerializable(typeof(OneStrategiesResponse))]
[JsonSerializable(typeof(UnionStrategiesResponse))]
[JsonSerializable(typeof(Strategy))]
[JsonSerializable(typeof(Expression))]
[JsonSerializable(typeof(Template))]
[JsonSerializable(typeof(IReadOnlyList<Strategy>))]
[JsonSerializable(typeof(IReadOnlyList<Expression>))]
[JsonSerializable(typeof(IReadOnlyList<Template>))]
internal sealed partial class StrategiesJsonContext : JsonSerializerContext;
