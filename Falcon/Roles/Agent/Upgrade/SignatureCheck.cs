using System.Security.Cryptography;
using Falcon.Shared.Model.Agents;
using Falcon.Shared.Releases;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Agent.Upgrade;

/// <summary>
/// With release keys configured (agent.upgrade.publicKeys), a download runs only when one of them verifies its
/// signature: the command's `binfile_sig`, else the `.sig` file beside the binary on the download server. The check
/// is over the SHA-256 of the unpacked bytes the downloader wrote, before the file is executed in any way.
/// </summary>
/// <remarks>
/// The checksum in the command guards against a damaged download only: whoever can write the task (Redis, hbs's
/// admin route) chooses it with the URL. The signature is made with a key that never leaves the release machine.
/// </remarks>
internal sealed class SignatureCheck : IDisposable
{
    private readonly ECDsa[] _keys;

    public SignatureCheck(IOptions<SelfUpgradeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keys = [.. options.Value.PublicKeys.Select(ReleaseKey.ParsePublic)];
    }

    /// <summary>Whether a signature is required (at least one key is configured).</summary>
    public bool Required => _keys.Length > 0;

    /// <summary>
    /// Verifies <paramref name="file"/>; returns the id of the key that signed it, or null when no key is configured.
    /// Throws an <see cref="UpgradeException"/> naming the problem otherwise.
    /// </summary>
    public async Task<string?> VerifyAsync(
        AgentUpgradeArgs args, Uri binaryUrl, DownloadedBinary file, BinaryDownloader downloader, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(downloader);
        if (!Required)
        {
            return null;
        }

        string text;
        string source;
        if (!string.IsNullOrWhiteSpace(args.BinFileSig))
        {
            (text, source) = (args.BinFileSig, "the command's binfile_sig");
        }
        else
        {
            var url = SignatureUrl(binaryUrl);
            try
            {
                text = await downloader.FetchTextAsync(url, ReleaseSignature.MaxFileLength, timeout, cancellationToken);
            }
            catch (UpgradeException e)
            {
                throw new UpgradeException($"signature check failed: the command carries no binfile_sig and the {e.Message}; the file was not run", e);
            }

            source = url.ToString();
        }

        byte[] signature;
        try
        {
            signature = ReleaseSignature.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UpgradeException($"signature check failed: {source}: {e.Message}", e);
        }

        var signer = ReleaseSignature.FindSigner(_keys, Convert.FromHexString(file.Sha256), signature);
        return signer is null
            ? throw new UpgradeException(
                $"signature check failed: the signature from {source} does not match the download with any of the {_keys.Length} key(s) in agent.upgrade.publicKeys (unsigned, signed by another key, or another file); the file was not run")
            : ReleaseKey.Id(signer);
    }

    /// <summary>`.sig` beside the binary: `http://dl/bin_7.1.0` → `http://dl/bin_7.1.0.sig`.</summary>
    internal static Uri SignatureUrl(Uri binaryUrl)
    {
        var builder = new UriBuilder(binaryUrl);
        builder.Path += ".sig";
        return builder.Uri;
    }

    public void Dispose()
    {
        foreach (var key in _keys)
        {
            key.Dispose();
        }
    }
}
