using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Strategies;

/// <summary>The fork's SingleEndRpcRequest, `Hbs.GetOneEndStrategies` params: `{"endpoint":"host-1"}`.</summary>
internal sealed class EndpointRequest
{
    [JsonPropertyName("endpoint")]
    public string Endpoint { get; set; } = "";
}
