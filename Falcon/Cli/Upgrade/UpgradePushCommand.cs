using System.CommandLine;
using System.Globalization;
using Falcon.Hosting.Configuration;
using Falcon.Roles.Hbs.Upgrade;
using Falcon.Shared.Configuration;

namespace Falcon.Cli.Upgrade;

/// <summary>
/// `falcon upgrade push`: store an upgrade task in hbs. The sums come from --file, from --md5/--sha256, or else from
/// the download server (with the signature), where the binary is looked for under both spellings of the version.
/// </summary>
internal static class UpgradePushCommand
{
    public static Command Create()
    {
        var version = new Option<string>("--version")
        {
            Description = "Target agent version, as `falcon version` prints it on the new binary (e.g. 7.1.0). Agents download <url>/bin_<version> and <url>/cfg_<version>.",
            Required = true,
            HelpName = "version",
        };
        var url = new Option<string>("--url")
        {
            Description = "Base URL of the download server (the fork's wgeturl), http or https, e.g. http://dl.example.com/falcon. Default: hbs.upgrade.downloadUrl from the configuration.",
            HelpName = "url",
        };
        var file = new Option<FileInfo>("--file") { Description = "The new agent binary (the one served as <url>/bin_<version>): its md5 and sha256 are computed.", HelpName = "path" };
        var md5 = new Option<string>("--md5") { Description = "md5 of the binary, when --file is not at hand (fork agents check md5).", HelpName = "hex" };
        var sha256 = new Option<string>("--sha256") { Description = "sha256 of the binary (Falcon agents check it first).", HelpName = "hex" };
        var cfgFile = new Option<FileInfo>("--cfg-file") { Description = "The new agent configuration (served as <url>/cfg_<version>): its md5 and sha256 are computed.", HelpName = "path" };
        var cfgMd5 = new Option<string>("--cfg-md5") { Description = "md5 of the configuration file.", HelpName = "hex" };
        var cfgSha256 = new Option<string>("--cfg-sha256") { Description = "sha256 of the configuration file.", HelpName = "hex" };
        var type = new Option<int?>("--type")
        {
            Description = "0 = binary only, 1 = configuration only, 2 = both. Default: from what is given (binary and/or configuration).",
            HelpName = "0|1|2",
        };
        type.AcceptOnlyFromAmong("0", "1", "2");
        var canary = new Option<string[]>("--canary")
        {
            Description = "Hosts upgraded first, comma-separated or repeated; the rest wait until every one of them reports the new version.",
            HelpName = "host[,host...]",
        };
        var canaryPercent = new Option<double?>("--canary-percent")
        {
            Description = "Instead of --canary: this percentage of hosts (a stable pick by hostname) goes first.",
            HelpName = "percent",
        };
        var allowDowngrade = new Option<bool>("--allow-downgrade") { Description = "Also send the task to agents running a newer version than --version." };
        file.AcceptExistingOnly();
        cfgFile.AcceptExistingOnly();

        var command = new Command(
            "push",
            "Push an upgrade task to hbs, replacing any other and resetting every host's attempts. Agents older than --version get it in their heartbeat reply, at most hbs.upgrade.maxConcurrent at once; a host that fails hbs.upgrade.maxAttempts times is left alone. Without --file, --md5 or --sha256 the checksums and the signature are read from the download server (bin_<version>.md5, .sha256, .sig, as ./build.sh publish writes them), after checking bin_<version> is there (7.1 and 7.1.0 are tried both). Example: falcon upgrade push --version 7.1 --canary-percent 5")
        {
            version, url, file, md5, sha256, cfgFile, cfgMd5, cfgSha256, type, canary, canaryPercent, allowDowngrade,
        };
        UpgradeCommand.Connection.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            var error = result.InvocationConfiguration.Error;
            var output = result.InvocationConfiguration.Output;
            var binary = await HashesAsync(result.GetValue(file), result.GetValue(md5), result.GetValue(sha256), "--file", "--md5", "--sha256", ct);
            var config = await HashesAsync(result.GetValue(cfgFile), result.GetValue(cfgMd5), result.GetValue(cfgSha256), "--cfg-file", "--cfg-md5", "--cfg-sha256", ct);
            var canaryHosts = SplitHosts(result.GetValue(canary));
            string? downloadUrl;
            try
            {
                downloadUrl = result.GetValue(url) is { Length: > 0 } given ? given : FalconConfiguration.Load(CommonOptions.Source(result))["hbs:upgrade:downloadUrl"];
            }
            catch (ConfigurationException e)
            {
                await error.WriteLineAsync($"falcon upgrade push: {string.Join("; ", e.Problems)}");
                return ExitCodes.Failed;
            }

            if (string.IsNullOrWhiteSpace(downloadUrl))
            {
                await error.WriteLineAsync("falcon upgrade push: no download URL: give --url http://dl.example.com/falcon or set hbs.upgrade.downloadUrl in the configuration");
                return ExitCodes.Usage;
            }

            var problem = binary.Problem ?? config.Problem
                ?? (canaryHosts.Count > 0 && result.GetValue(canaryPercent) is > 0 ? "--canary and --canary-percent exclude each other" : null);
            var request = new UpgradeTaskRequest
            {
                Type = result.GetValue(type) ?? (binary.Given, config.Given) switch { (true, true) => 2, (false, true) => 1, _ => 0 },
                WgetUrl = downloadUrl,
                Version = result.GetValue(version),
                BinFileMd5 = binary.Md5,
                BinFileSha256 = binary.Sha256,
                CfgFileMd5 = config.Md5,
                CfgFileSha256 = config.Sha256,
                Canary = canaryHosts.Count > 0 ? canaryHosts : null,
                CanaryPercent = result.GetValue(canaryPercent),
                AllowDowngrade = result.GetValue(allowDowngrade),
            };
            if (problem is null && request.Type is 0 or 2 && !binary.Given)
            {
                try
                {
                    var found = await FindReleaseAsync(downloadUrl, request.Version!, result.GetValue(UpgradeCommand.Connection.Timeout), ct);
                    (request.BinFile, request.BinFileMd5, request.BinFileSha256, request.BinFileSig) = (found.File, found.Md5, found.Sha256, found.Signature);
                    await output.WriteLineAsync($"found {found.Binary}: {(found.Signature is null ? "unsigned (agents with agent.upgrade.publicKeys will refuse it)" : "signed")}");
                }
                catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TaskCanceledException)
                {
                    await error.WriteLineAsync($"falcon upgrade push: {e.Message}");
                    return ExitCodes.Failed;
                }
            }

            if ((problem ?? UpgradeTaskValidator.Validate(request)) is { } invalid)
            {
                await error.WriteLineAsync($"falcon upgrade push: {invalid} (see falcon upgrade push --help)");
                return ExitCodes.Usage;
            }

            return await UpgradeCommand.RunAsync(result, "push", async client =>
            {
                var args = await client.PushAsync(request, ct);
                await output.WriteLineAsync(Describe(request, args?.WgetUrl ?? request.WgetUrl!));
                await output.WriteLineAsync("follow it with: falcon upgrade status --watch");
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static async Task<ReleaseLookup> FindReleaseAsync(string downloadUrl, string version, int timeoutSeconds, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(Math.Max(timeoutSeconds, 1)) };
        return await ReleaseLookup.FindAsync(http, downloadUrl, version.Trim(), cancellationToken);
    }

    public static List<string> SplitHosts(IEnumerable<string>? values) =>
        [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal)];

    private static string Describe(UpgradeTaskRequest request, string wgetUrl)
    {
        var parts = new List<string>();
        if (request.Type is 0 or 2)
        {
            parts.Add($"{wgetUrl}/{request.BinFile ?? "bin_" + request.Version}{Sums(request.BinFileMd5, request.BinFileSha256)}");
        }

        if (request.Type is 1 or 2)
        {
            parts.Add($"{wgetUrl}/cfg_{request.Version}{Sums(request.CfgFileMd5, request.CfgFileSha256)}");
        }

        var rollout = request.Canary is { Count: > 0 } hosts ? $"; canary first: {string.Join(',', hosts)}"
            : request.CanaryPercent is > 0 and var percent ? string.Create(CultureInfo.InvariantCulture, $"; canary first: {percent}% of hosts")
            : string.Empty;
        return $"pushed upgrade to {request.Version}: agents download {string.Join(" and ", parts)}{rollout}";
    }

    private static string Sums(string? md5, string? sha256) =>
        (md5, sha256) switch
        {
            ({ Length: > 0 }, { Length: > 0 }) => $" (md5 {md5}, sha256 {sha256})",
            ({ Length: > 0 }, _) => $" (md5 {md5})",
            (_, { Length: > 0 }) => $" (sha256 {sha256})",
            _ => string.Empty,
        };

    private static async Task<(bool Given, string? Md5, string? Sha256, string? Problem)> HashesAsync(
        FileInfo? file, string? md5, string? sha256, string fileOption, string md5Option, string sha256Option, CancellationToken cancellationToken)
    {
        md5 = string.IsNullOrWhiteSpace(md5) ? null : md5.Trim().ToLowerInvariant();
        sha256 = string.IsNullOrWhiteSpace(sha256) ? null : sha256.Trim().ToLowerInvariant();
        if (file is null)
        {
            return (md5 is not null || sha256 is not null, md5, sha256, null);
        }

        var computed = await UpgradeFileHashes.ComputeAsync(file.FullName, cancellationToken);
        var problem = md5 is not null && md5 != computed.Md5 ? $"{md5Option} {md5} does not match {fileOption} {file.Name} (md5 {computed.Md5})"
            : sha256 is not null && sha256 != computed.Sha256 ? $"{sha256Option} {sha256} does not match {fileOption} {file.Name} (sha256 {computed.Sha256})"
            : null;
        return (true, computed.Md5, computed.Sha256, problem);
    }
}
