using System.Text.Json.Serialization;

namespace Falcon.Roles.Console.Api;

/// <summary>Source-generated JSON of the test-fire route.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(TestFireRequest))]
[JsonSerializable(typeof(AlarmDryRunRequest))]
internal sealed partial class TestFireJsonContext : JsonSerializerContext;
