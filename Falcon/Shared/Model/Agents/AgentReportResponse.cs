using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Agents;

/// <summary>`Agent.ReportStatus` reply: the fork's AgentUpgradeRpcResponse (`{"code":0,"Args":null}`); upstream agents read only `code`.</summary>
internal sealed class AgentReportResponse
{
    /// <summary>0 = ok, 1 = empty hostname (open-falcon's SimpleRpcResponse codes).</summary>
    [JsonPropertyName("code")]
    public int Code { get; set; }

    [JsonPropertyName("Args")]
    public AgentUpgradeArgs? Args { get; set; }
}
