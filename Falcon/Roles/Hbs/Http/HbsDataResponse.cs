using System.Text.Json.Serialization;

namespace Falcon.Roles.Hbs.Http;

/// <summary>open-falcon hbs's HTTP reply `{"msg":"success","data":...}`.</summary>
internal sealed class HbsDataResponse<T>
{
    [JsonPropertyName("msg")]
    public string Msg { get; set; } = "success";

    [JsonPropertyName("data")]
    public T? Data { get; set; }
}
