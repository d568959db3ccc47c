using System.Security.Cryptography;

namespace Falcon.Cli.Upgrade;

/// <summary>md5 (what fork agents check) and sha256 (what Falcon agents check first) of a file, in one read.</summary>
internal sealed record UpgradeFileHashes(string Md5, string Sha256)
{
    public static async Task<UpgradeFileHashes> ComputeAsync(string path, CancellationToken cancellationToken)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, useAsync: true);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            md5.AppendData(buffer, 0, read);
            sha256.AppendData(buffer, 0, read);
        }

        return new UpgradeFileHashes(
            Convert.ToHexStringLower(md5.GetHashAndReset()),
            Convert.ToHexStringLower(sha256.GetHashAndReset()));
    }
}
