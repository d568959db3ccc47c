using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Agents;

/// <summary>
/// The fork's AgentServiceConfigRpcResponse (`Agent.SyncServiceNames`): `{"code":0,"args":"nginx,redis"}`, the
/// service names of the host's groups; code 1 = empty hostname, 2 = no service names.
/// </summary>
internal sealed class AgentServiceNamesResponse
{
    [JsonPropertyName("code")]
    public int Code { get; set; }

    [JsonPropertyName("args")]
    public string Args { get; set; } = "";
}
