using Falcon.Shared.Model.Agents;

namespace Falcon.Roles.Agent.Upgrade;

/// <summary>Compares a download with the command's checksum: sha256 when hbs sent one, else md5; no checksum at all is refused.</summary>
internal static class ChecksumCheck
{
    public static void Verify(AgentUpgradeArgs args, DownloadedBinary download)
    {
        var (name, expected, actual) = !string.IsNullOrWhiteSpace(args.BinFileSha256)
            ? ("sha256", args.BinFileSha256.Trim(), download.Sha256)
            : ("md5", args.BinFileMd5.Trim(), download.Md5);
        if (expected.Length == 0)
        {
            throw new UpgradeException("the command carries neither binfile_sha256 nor binfile_md5; an unchecked binary is never run");
        }

        if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new UpgradeException($"{name} of the download is {actual}, the command says {expected}");
        }
    }
}
