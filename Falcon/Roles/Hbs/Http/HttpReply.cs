using System.Text.Json.Serialization;

namespace Falcon.Roles.Hbs.Http;

/// <summary>open-falcon's hbs HTTP body: `{"msg":"success","data":...}`.</summary>
internal sealed class HttpReply<T>
{
    [JsonPropertyName("msg")]
    public string Msg { get; init; } = "success";

    [JsonPropertyName("data")]
    public T? Data { get; init; }
}
