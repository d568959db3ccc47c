using System.Text.Json.Serialization;

namespace Falcon.Roles.Hbs.Config;

/// <summary>A row of falcon_portal.tpl.</summary>
internal sealed record PortalTemplate(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("parentId")] long ParentId,
    [property: JsonPropertyName("actionId")] long ActionId,
    [property: JsonPropertyName("creator")] string Creator);
