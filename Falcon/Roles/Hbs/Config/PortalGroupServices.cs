using System.Text.Json.Serialization;

namespace Falcon.Roles.Hbs.Config;

/// <summary>The grp_svs rows of one group (the fork's service names), in row order.</summary>
internal sealed record PortalGroupServices(
    [property: JsonPropertyName("groupId")] long GroupId,
    [property: JsonPropertyName("names")] IReadOnlyList<string> Names);
