using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Falcon.Hosting.Admin;

/// <summary>
/// Who may call a mutating admin route: a caller whose socket address is loopback, or one that presents the
/// configured bearer token. The socket address is used, never a header or a string prefix of it.
/// </summary>
internal static class AdminAccess
{
    /// <summary>True for a loopback socket, or when <paramref name="adminToken"/> is set and the request carries it as a bearer token.</summary>
    public static bool IsAllowed(HttpContext context, string? adminToken)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is not null && System.Net.IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote))
        {
            return true;
        }

        var token = adminToken;
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        var header = context.Request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()),
            Encoding.UTF8.GetBytes(token));
    }
}
