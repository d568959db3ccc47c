using System.Text.Json.Serialization;

namespace Falcon.Roles.Hbs.Config;

/// <summary>The grp_tpl rows of one group: the templates bound to it, in row order.</summary>
internal sealed record PortalGroupTemplates(
    [property: JsonPropertyName("groupId")] long GroupId,
    [property: JsonPropertyName("templateIds")] IReadOnlyList<long> TemplateIds);
