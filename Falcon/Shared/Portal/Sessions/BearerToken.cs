using System.Security.Cryptography;
using System.Text;

namespace Falcon.Shared.Portal.Sessions;

/// <summary>`Authorization: Bearer &lt;token&gt;` checks against a configured secret such as `host.adminToken`.</summary>
internal static class BearerToken
{
    private const string Scheme = "Bearer ";

    /// <summary>True when <paramref name="authorization"/> carries <paramref name="expected"/> (compared in constant time); never for an empty secret.</summary>
    public static bool Matches(string? authorization, string? expected) =>
        !string.IsNullOrEmpty(expected)
        && authorization is not null
        && authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
        && SecretEquals(authorization[Scheme.Length..].Trim(), expected);

    /// <summary>Compares a presented secret with the expected one in constant time.</summary>
    public static bool SecretEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
