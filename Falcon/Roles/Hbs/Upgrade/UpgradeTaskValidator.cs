using System.Text.RegularExpressions;

namespace Falcon.Roles.Hbs.Upgrade;

/// <summary>The fork's checks on a pushed task (wgeturl and version required, sums by type), plus formats it never checked.</summary>
internal static partial class UpgradeTaskValidator
{
    /// <summary>The first problem with <paramref name="request"/>, naming the field, or null when it can be pushed.</summary>
    public static string? Validate(UpgradeTaskRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.WgetUrl))
        {
            return "wgeturl is required (the base URL agents download <wgeturl>/bin_<version> from; or set hbs.upgrade.downloadUrl)";
        }

        if (!Uri.TryCreate(request.WgetUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || url.Host.Length == 0)
        {
            return $"wgeturl must be an http or https URL, got '{request.WgetUrl}'";
        }

        if (string.IsNullOrWhiteSpace(request.Version))
        {
            return "version is required";
        }

        // It becomes part of the download URL (bin_<version>) and is compared with what agents report.
        if (!VersionPattern().IsMatch(request.Version))
        {
            return $"version may hold only letters, digits and . _ - + (at most 64), got '{request.Version}'";
        }

        var problem = request.Type switch
        {
            0 => RequireOne("binfile", request.BinFileMd5, request.BinFileSha256, "type 0 (binary only)"),
            1 => RequireOne("cfgfile", request.CfgFileMd5, request.CfgFileSha256, "type 1 (configuration only)"),
            2 => RequireOne("binfile", request.BinFileMd5, request.BinFileSha256, "type 2 (binary and configuration)")
                 ?? RequireOne("cfgfile", request.CfgFileMd5, request.CfgFileSha256, "type 2 (binary and configuration)"),
            _ => $"type must be 0 (binary), 1 (configuration) or 2 (both), got {request.Type}",
        };
        problem ??= CheckHex("binfile_md5", request.BinFileMd5, 32)
            ?? CheckHex("cfgfile_md5", request.CfgFileMd5, 32)
            ?? CheckHex("binfile_sha256", request.BinFileSha256, 64)
            ?? CheckHex("cfgfile_sha256", request.CfgFileSha256, 64);
        return problem ?? ValidateRelease(request) ?? ValidateRollout(request);
    }

    private static string? ValidateRelease(UpgradeTaskRequest request)
    {
        if (!string.IsNullOrEmpty(request.BinFile) && !FilePattern().IsMatch(request.BinFile))
        {
            return $"binfile must be a plain file name under wgeturl (letters, digits and . _ - +, at most 128, not starting with a dot), got '{request.BinFile}'";
        }

        if (string.IsNullOrEmpty(request.BinFileSig))
        {
            return null;
        }

        try
        {
            Falcon.Shared.Releases.ReleaseSignature.Parse(request.BinFileSig);
            return null;
        }
        catch (FormatException e)
        {
            return $"binfile_sig: {e.Message}";
        }
    }

    private static string? ValidateRollout(UpgradeTaskRequest request)
    {
        var canary = request.Canary?.Where(h => !string.IsNullOrWhiteSpace(h)).ToList() ?? [];
        if (canary.Count > 0 && request.CanaryPercent is > 0)
        {
            return "canary and canaryPercent exclude each other: give a host list or a percentage";
        }

        if (request.CanaryPercent is { } percent && (double.IsNaN(percent) || percent < 0 || percent > 100))
        {
            return $"canaryPercent must be between 0 and 100, got {percent}";
        }

        return canary.Count > 10_000 ? "canary may list at most 10000 hosts" : null;
    }

    private static string? RequireOne(string file, string? md5, string? sha256, string what) =>
        string.IsNullOrWhiteSpace(md5) && string.IsNullOrWhiteSpace(sha256)
            ? $"{file}_md5 (or {file}_sha256) is required for {what}"
            : null;

    private static string? CheckHex(string field, string? value, int length) =>
        string.IsNullOrEmpty(value) || (value.Length == length && value.All(char.IsAsciiHexDigit))
            ? null
            : $"{field} must be {length} hex digits, got '{value}'";

    [GeneratedRegex(@"^[A-Za-z0-9._+-]{1,64}$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_+-][A-Za-z0-9._+-]{0,127}$")]
    private static partial Regex FilePattern();
}
