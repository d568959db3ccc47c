using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Agents;

/// <summary>open-falcon's SimpleRpcResponse `{"code":0}`.</summary>
internal sealed class SimpleRpcResponse
{
    [JsonPropertyName("code")]
    public int Code { get; set; }
}
