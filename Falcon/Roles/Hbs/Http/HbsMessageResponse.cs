using System.Text.Json.Serialization;

namespace Falcon.Roles.Hbs.Http;

/// <summary>An error reply `{"msg":"..."}` (open-falcon's RenderMsgJson), naming the problem.</summary>
internal sealed class HbsMessageResponse
{
    [JsonPropertyName("msg")]
    public string Msg { get; set; } = string.Empty;
}
