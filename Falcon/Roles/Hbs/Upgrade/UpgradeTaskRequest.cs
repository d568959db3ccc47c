using System.Text.Json.Serialization;

namespace Falcon.Roles.Hbs.Upgrade;

/// <summary>
/// `POST /agent/upgrade` body: the fork's AgentUpgradeArgs fields, plus Falcon's sha256 sums and rollout controls,
/// which a fork client simply does not send.
/// </summary>
internal sealed class UpgradeTaskRequest
{
    /// <summary>0 = binary only, 1 = configuration only, 2 = both.</summary>
    [JsonPropertyName("type")]
    public int Type { get; set; }

    [JsonPropertyName("wgeturl")]
    public string? WgetUrl { get; set; }

    [JsonPropertyName("version")]
    public string? Version { get; set; }

    [JsonPropertyName("binfile_md5")]
    public string? BinFileMd5 { get; set; }

    [JsonPropertyName("cfgfile_md5")]
    public string? CfgFileMd5 { get; set; }

    [JsonPropertyName("binfile_sha256")]
    public string? BinFileSha256 { get; set; }

    [JsonPropertyName("cfgfile_sha256")]
    public string? CfgFileSha256 { get; set; }

    /// <summary>The binary's file under wgeturl when it is not `bin_&lt;version&gt;` (say `bin_7.1` for version 7.1.0); Falcon agents only.</summary>
    [JsonPropertyName("binfile")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BinFile { get; set; }

    /// <summary>The release signature of the binary (the `.sig` file's base64 line); agents with release keys fetch the `.sig` beside the binary without it.</summary>
    [JsonPropertyName("binfile_sig")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BinFileSig { get; set; }

    /// <summary>Hosts upgraded first; the rest wait until every one of them reports the target version.</summary>
    [JsonPropertyName("canary")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<string>? Canary { get; set; }

    /// <summary>Instead of a list: this share of hosts (chosen by a stable hash of the hostname) goes first.</summary>
    [JsonPropertyName("canaryPercent")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? CanaryPercent { get; set; }

    /// <summary>Also send the task to hosts running a newer version than the target.</summary>
    [JsonPropertyName("allowDowngrade")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool AllowDowngrade { get; set; }
}
