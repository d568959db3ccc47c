using System.Security.Cryptography;

namespace Falcon.Shared.Releases;

/// <summary>
/// Release signing keys: ECDSA on P-256, from .NET's own cryptography so the NativeAOT binary needs nothing beside it.
/// Public keys are SubjectPublicKeyInfo, written as PEM or as the bare base64 of its DER (one line, for YAML).
/// </summary>
internal static class ReleaseKey
{
    /// <summary>Reads a public key; <see cref="FormatException"/> names what is wrong.</summary>
    public static ECDsa ParsePublic(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var key = ECDsa.Create();
        try
        {
            if (trimmed.StartsWith("-----BEGIN", StringComparison.Ordinal))
            {
                key.ImportFromPem(trimmed);
            }
            else
            {
                var der = Convert.FromBase64String(trimmed);
                key.ImportSubjectPublicKeyInfo(der, out var read);
                if (read != der.Length)
                {
                    throw new FormatException("trailing bytes after the key");
                }
            }

            CheckCurve(key);
            return key;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or FormatException)
        {
            key.Dispose();
            throw new FormatException($"not an ECDSA P-256 public key (PEM or base64 SubjectPublicKeyInfo, as `falcon release keygen` prints): {e.Message}", e);
        }
    }

    /// <summary>Reads a PKCS#8 PEM private key (what `falcon release keygen` writes).</summary>
    public static ECDsa ParsePrivate(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            CheckCurve(key);
            // A public-only PEM imports too, and only fails at the first signature: refuse it here.
            key.ExportECPrivateKey();
            return key;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or FormatException)
        {
            key.Dispose();
            throw new FormatException($"not an ECDSA P-256 private key in PEM (as `falcon release keygen` writes): {e.Message}", e);
        }
    }

    /// <summary>The one-line form of the public half: base64 of its SubjectPublicKeyInfo.</summary>
    public static string PublicLine(ECDsa key) => Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());

    /// <summary>A short name for a key in logs: the first 16 hex digits of the SHA-256 of its SubjectPublicKeyInfo.</summary>
    public static string Id(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    private static void CheckCurve(ECDsa key)
    {
        if (key.KeySize != 256)
        {
            throw new FormatException($"the key is {key.KeySize} bits; release keys are P-256");
        }
    }
}
