using System.Text.Json.Serialization;
using Falcon.Shared.Model.Strategies;

namespace Falcon.Roles.Hbs.Http;

/// <summary>Source-generated JSON for the hbs HTTP routes (NativeAOT-safe).</summary>
[JsonSerializable(typeof(HbsDataResponse<IReadOnlyList<string>>))]
[JsonSerializable(typeof(HbsDataResponse<IReadOnlyList<Strategy>>))]
[JsonSerializable(typeof(HbsDataResponse<ExpressionsResponse>))]
[JsonSerializable(typeof(HbsDataResponse<IReadOnlyList<HostEntry>>))]
[JsonSerializable(typeof(HbsDataResponse<IReadOnlyList<Template>>))]
[JsonSerializable(typeof(HbsDataResponse<CacheStatus>))]
[JsonSerializable(typeof(HbsDataResponse<IReadOnlyList<GroupMember>>))]
[JsonSerializable(typeof(HbsDataResponse<IReadOnlyList<AgentHeartbeat>>))]
[JsonSerializable(typeof(HbsDataResponse<Falcon.Roles.Hbs.Config.HostExplanation>))]
internal sealed partial class HbsHttpJsonContext : JsonSerializerContext;
