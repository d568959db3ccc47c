using System.Text.Json.Serialization;

namespace Falcon.Roles.Console.Config.Groups;

/// <summary>Source-generated JSON of the groups, tree, maintenance and host-strategy routes; camelCase like the rest of the console API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(GroupDocument))]
[JsonSerializable(typeof(GroupSummary[]))]
[JsonSerializable(typeof(GroupRequest))]
[JsonSerializable(typeof(GroupHostsRequest))]
[JsonSerializable(typeof(GroupHostsChange))]
[JsonSerializable(typeof(HostDocument))]
[JsonSerializable(typeof(MaintenanceRequest))]
[JsonSerializable(typeof(List<MaintenanceEntry>))]
[JsonSerializable(typeof(TreeNode))]
internal sealed partial class GroupsJsonContext : JsonSerializerContext;
