using System.Text.Json.Serialization;

namespace Falcon.Roles.Hbs.Config;

/// <summary>The plugin_dir rows of one group: plugin dirs or files relative to the agent's plugin dir.</summary>
internal sealed record PortalGroupPlugins(
    [property: JsonPropertyName("groupId")] long GroupId,
    [property: JsonPropertyName("dirs")] IReadOnlyList<string> Dirs);
