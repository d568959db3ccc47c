using System.Security.Cryptography;
using System.Text;

namespace Falcon.Roles.Console.Auth;

/// <summary>
/// open-falcon's password storage: uic.user.passwd holds the lowercase hex MD5 of the api module's salt followed by the
/// password. Weak by today's standards, but it is what an existing uic database holds, and the console must accept
/// those users unchanged (docs/console.md says how to protect it).
/// </summary>
internal static class PasswordHash
{
#pragma warning disable CA5351 // MD5 is open-falcon's stored format, not a choice; see the summary.
    public static string Hash(string salt, string password) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(salt + password)));
#pragma warning restore CA5351

    /// <summary>True when <paramref name="stored"/> is the hash of <paramref name="password"/> under <paramref name="salt"/>; constant time.</summary>
    public static bool Matches(string salt, string password, string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return false; // a user without a password (created by LDAP sync or by hand) cannot sign in with one
        }

        return CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Hash(salt, password)),
            Encoding.ASCII.GetBytes(stored.Trim().ToLowerInvariant()));
    }
}
