using System.Text.Json.Serialization;
using Falcon.Shared.Model.Strategies;

namespace Falcon.Roles.Hbs.Http;

/// <summary>Source-generated JSON for the hbs HTTP routes (NativeAOT-safe).</summary>
[JsonSerializable(typeof(HttpReply<IReadOnlyList<string>>))]
[JsonSerializable(typeof(HttpReply<IReadOnlyList<Strategy>>))]
[JsonSerializable(typeof(HttpReply<ExpressionsResponse>))]
[JsonSerializable(typeof(HttpReply<IReadOnlyList<HostEntry>>))]
[JsonSerializable(typeof(HttpReply<IReadOnlyList<Template>>))]
[JsonSerializable(typeof(HttpReply<CacheStatus>))]
internal sealed partial class HbsHttpJsonContext : JsonSerializerContext;
