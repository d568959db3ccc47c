using System.Text.Json.Serialization;
using Falcon.Roles.Hbs.Http;
using Falcon.Shared.Model.Agents;

namespace Falcon.Roles.Hbs.Upgrade;

/// <summary>Source-generated JSON for the upgrade routes and the CLI (NativeAOT-safe); names are read case-insensitively as Go does.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(UpgradeTaskRequest))]
[JsonSerializable(typeof(HbsDataResponse<AgentUpgradeArgs>))]
[JsonSerializable(typeof(HbsDataResponse<string>))]
[JsonSerializable(typeof(HbsDataResponse<UpgradeStatus>))]
[JsonSerializable(typeof(HbsDataResponse<IReadOnlyDictionary<string, string>>))]
[JsonSerializable(typeof(HbsMessageResponse))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class UpgradeJsonContext : JsonSerializerContext;
