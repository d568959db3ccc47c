using System.Text.Json.Serialization;

namespace Falcon.Roles.Hbs.Config;

/// <summary>The grp_host rows of one group, folded into one list (row order, duplicates kept: the table has no key).</summary>
internal sealed record PortalGroupHosts(
    [property: JsonPropertyName("groupId")] long GroupId,
    [property: JsonPropertyName("hostIds")] IReadOnlyList<long> HostIds);
