using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Agents;

/// <summary>The fork's upgrade command (`type`, `wgeturl`, `version`, `binfile_md5`, `cfgfile_md5`) plus Falcon's sha256.</summary>
internal sealed class AgentUpgradeArgs
{
    /// <summary>0 = binary only, 1 = configuration only, 2 = both (the fork's values).</summary>
    [JsonPropertyName("type")]
    public int Type { get; set; }

    /// <summary>Base URL of the download server; the binary is `&lt;wgeturl&gt;/bin_&lt;version&gt;`.</summary>
    [JsonPropertyName("wgeturl")]
    public string WgetUrl { get; set; } = string.Empty;

    [JsonPropertyName("version")]
    public string Version { get; set; } = string.Empty;

    [JsonPropertyName("binfile_md5")]
    public string BinFileMd5 { get; set; } = string.Empty;

    [JsonPropertyName("cfgfile_md5")]
    public string CfgFileMd5 { get; set; } = string.Empty;

    /// <summary>Falcon's addition: agents check sha256 first when it is given, else md5.</summary>
    [JsonPropertyName("binfile_sha256")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? BinFileSha256 { get; set; }

    [JsonPropertyName("cfgfile_sha256")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? CfgFileSha256 { get; set; }
}
