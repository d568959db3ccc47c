using System.Security.Cryptography;

namespace Falcon.Shared.Releases;

/// <summary>
/// The signature of a release binary (`bin_&lt;version&gt;.sig`): ECDSA P-256 over the SHA-256 of the exact bytes of the
/// unpacked binary, DER-encoded (as `openssl dgst -sha256 -sign` writes it), in base64 on one line.
/// </summary>
internal static class ReleaseSignature
{
    /// <summary>A `.sig` file is one short line; anything longer is not one.</summary>
    public const int MaxFileLength = 1024;

    /// <summary>Signs the bytes of <paramref name="binary"/>; returns the `.sig` file's text (with its newline).</summary>
    public static string Sign(ECDsa key, Stream binary)
    {
        ArgumentNullException.ThrowIfNull(key);
        var signature = key.SignData(binary, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return Convert.ToBase64String(signature) + "\n";
    }

    /// <summary>Reads a `.sig` file's text; <see cref="FormatException"/> when it is not one base64 line.</summary>
    public static byte[] Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.Length > MaxFileLength)
        {
            throw new FormatException("a signature is one line of base64 (DER ECDSA), got " + (trimmed.Length == 0 ? "nothing" : $"{trimmed.Length} characters"));
        }

        try
        {
            return Convert.FromBase64String(trimmed);
        }
        catch (FormatException)
        {
            throw new FormatException("a signature is one line of base64 (DER ECDSA); this is not base64");
        }
    }

    /// <summary>The key among <paramref name="keys"/> that signed the binary whose SHA-256 is <paramref name="sha256"/>, or null.</summary>
    public static ECDsa? FindSigner(IEnumerable<ECDsa> keys, ReadOnlySpan<byte> sha256, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            if (key.VerifyHash(sha256, signature, DSASignatureFormat.Rfc3279DerSequence))
            {
                return key;
            }
        }

        return null;
    }
}
