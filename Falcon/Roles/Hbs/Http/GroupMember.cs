using System.Text.Json.Serialization;

namespace Falcon.Roles.Hbs.Http;

/// <summary>A member of a group as `/hostgroup/id/{id}/hosts` lists it: its name and maintenance window (unix seconds).</summary>
internal sealed record GroupMember(
    [property: JsonPropertyName("hostname")] string Hostname,
    [property: JsonPropertyName("maintainBegin")] long MaintainBegin,
    [property: JsonPropertyName("maintainEnd")] long MaintainEnd);
