using System.Security.Cryptography;
using System.Text;

namespace Falcon.Shared.Silences;

/// <summary>Silence ids: the first 16 hex digits of SHA-256 over user, endpoint and canonical counter.</summary>
/// <remarks>
/// Deterministic on purpose: a second click on the same alarm link, or the CLI run twice, replaces the silence
/// instead of stacking a duplicate that would outlive the removal of the first.
/// </remarks>
internal static class SilenceIds
{
    public const int Length = 16;

    public static string Of(string user, string endpoint, string canonicalCounter)
    {
        var bytes = Encoding.UTF8.GetBytes(string.Join('\0', user, endpoint, canonicalCounter));
        return Convert.ToHexStringLower(SHA256.HashData(bytes))[..Length];
    }

    /// <summary>True for 16 lowercase or uppercase hex digits.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: Length } && id.All(char.IsAsciiHexDigit);
}
