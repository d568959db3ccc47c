using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Agents;

/// <summary>
/// The fork's upgrade command (`type`, `wgeturl`, `version`, `binfile_md5`, `cfgfile_md5`) plus Falcon's additions
/// (sha256 sums, the binary's file name and signature), which fork agents ignore.
/// </summary>
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

    /// <summary>Falcon's addition: the file under `wgeturl` to download (`bin_7.1`); absent means `bin_&lt;version&gt;`.</summary>
    [JsonPropertyName("binfile")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? BinFile { get; set; }

    /// <summary>Falcon's addition: the release signature of the unpacked binary (the `.sig` file's base64 line).</summary>
    [JsonPropertyName("binfile_sig")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? BinFileSig { get; set; }
}
