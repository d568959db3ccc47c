using System.Text.Json.Serialization;

namespace Falcon.Roles.Hbs.Config;

/// <summary>A row of falcon_portal.grp (a host group).</summary>
internal sealed record PortalGroup(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name);
