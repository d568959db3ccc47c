using System.Text.Json.Serialization;

namespace Falcon.Roles.Aggregator.Inputs;

/// <summary>hbs's HTTP reply `{"msg":"success","data":...}`.</summary>
internal sealed class HbsReply<T>
{
    [JsonPropertyName("msg")]
    public string? Msg { get; set; }

    [JsonPropertyName("data")]
    public T? Data { get; set; }
}

/// <summary>A member of a group as hbs's `/hostgroup/id/{id}/hosts` lists it.</summary>
internal sealed class HbsGroupMember
{
    [JsonPropertyName("hostname")]
    public string Hostname { get; set; } = "";

    [JsonPropertyName("maintainBegin")]
    public long MaintainBegin { get; set; }

    [JsonPropertyName("maintainEnd")]
    public long MaintainEnd { get; set; }
}
