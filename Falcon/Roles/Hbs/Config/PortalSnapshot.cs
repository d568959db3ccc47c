using System.Text.Json.Serialization;

namespace Falcon.Roles.Hbs.Config;

/// <summary>
/// An immutable copy of what hbs serves from falcon_portal, read in one consistent transaction. It is the unit
/// one hbs publishes to Redis and the others read; <see cref="HbsConfigView"/> indexes it for the handlers.
/// </summary>
internal sealed class PortalSnapshot
{
    /// <summary>The layout this build writes; a reader refuses any other rather than misreading it.</summary>
    public const int CurrentFormatVersion = 1;

    [JsonPropertyName("formatVersion")]
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>When the rows were read from MySQL (unix milliseconds), so a reader can tell how old the data is.</summary>
    [JsonPropertyName("loadedAtUnixMs")]
    public long LoadedAtUnixMs { get; init; }

    [JsonPropertyName("hosts")]
    public IReadOnlyList<PortalHost> Hosts { get; init; } = [];

    [JsonPropertyName("groups")]
    public IReadOnlyList<PortalGroup> Groups { get; init; } = [];

    [JsonPropertyName("groupHosts")]
    public IReadOnlyList<PortalGroupHosts> GroupHosts { get; init; } = [];

    [JsonPropertyName("templates")]
    public IReadOnlyList<PortalTemplate> Templates { get; init; } = [];

    [JsonPropertyName("groupTemplates")]
    public IReadOnlyList<PortalGroupTemplates> GroupTemplates { get; init; } = [];

    /// <summary>Every strategy row, whatever its run window: the window is applied when strategies are served.</summary>
    [JsonPropertyName("strategies")]
    public IReadOnlyList<PortalStrategy> Strategies { get; init; } = [];

    /// <summary>The expression rows with action_id &gt; 0 and pause = 0, as open-falcon selects them.</summary>
    [JsonPropertyName("expressions")]
    public IReadOnlyList<PortalExpression> Expressions { get; init; } = [];

    [JsonPropertyName("groupPlugins")]
    public IReadOnlyList<PortalGroupPlugins> GroupPlugins { get; init; } = [];

    // The fork's tables below (created by `falcon db migrate`); empty where the database has none of them. They were
    // added without a new format version on purpose: an older hbs ignores them, and a newer one reading an older
    // hbs's snapshot during a rolling upgrade serves them empty rather than refusing the whole snapshot (the
    // generator hands a missing init-only list over as null, hence the coalescing).
    [JsonPropertyName("groupServices")]
    public IReadOnlyList<PortalGroupServices> GroupServices { get; init => field = value ?? []; } = [];

    [JsonPropertyName("dynamicConfigs")]
    public IReadOnlyList<PortalDynamicConfig> DynamicConfigs { get; init => field = value ?? []; } = [];

    [JsonPropertyName("unionStrategies")]
    public IReadOnlyList<PortalUnionStrategy> UnionStrategies { get; init => field = value ?? []; } = [];
}
