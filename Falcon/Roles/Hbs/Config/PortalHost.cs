using System.Text.Json.Serialization;

namespace Falcon.Roles.Hbs.Config;

/// <summary>A row of falcon_portal.host; a host is in maintenance while maintainBegin &lt;= now &lt;= maintainEnd (unix seconds).</summary>
internal sealed record PortalHost(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("hostname")] string Hostname,
    [property: JsonPropertyName("ip")] string Ip,
    [property: JsonPropertyName("maintainBegin")] long MaintainBegin,
    [property: JsonPropertyName("maintainEnd")] long MaintainEnd);
