using System.Formats.Asn1;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Console.Auth;

/// <summary>What the directory said about a name and password.</summary>
internal enum LdapVerdict
{
    /// <summary>The directory knows the person and the password is theirs.</summary>
    Accepted,

    /// <summary>The directory knows the person and refused the password (or the name matched more than one entry).</summary>
    Refused,

    /// <summary>The directory has no such person (with a userDn template: the bind was refused, which is the same answer).</summary>
    NotFound,
}

/// <summary>
/// Checks a sign-in name and password against console.ldap. Throws <see cref="LdapException"/> when the directory
/// cannot give an answer (unreachable, too slow, or refusing the console's own bind), so the caller can tell that
/// apart from a wrong password.
/// </summary>
internal sealed class LdapDirectory(IOptions<ConsoleOptions> options)
{
    private const int InvalidCredentials = 49;

    public bool Enabled => options.Value.Ldap.Enabled;

    public string Url => options.Value.Ldap.Url;

    public async Task<(LdapVerdict Verdict, LdapEntry? Entry)> AuthenticateAsync(string name, string password, CancellationToken cancellationToken)
    {
        var ldap = options.Value.Ldap;
        if (password.Length == 0)
        {
            return (LdapVerdict.Refused, null); // a simple bind with no password is an anonymous bind, and would "succeed"
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ldap.Timeout);
        try
        {
            // Read at each sign-in (they are rare): a CA file replaced on disk applies without a restart.
            var trustedCas = ldap.TrustedCas();
            await using var wire = await LdapWire.ConnectAsync(new Uri(ldap.Url), ldap.StartTls, trustedCas, timeout.Token);
            return ldap.UserDn.Length > 0
                ? await BindDirectlyAsync(wire, ldap, name, password, timeout.Token)
                : await SearchThenBindAsync(wire, ldap, name, password, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LdapException($"no answer from {ldap.Url} within {ldap.Timeout.TotalSeconds:0.#} s (console.ldap.timeout)");
        }
        catch (Exception e) when (e is SocketException or IOException or AuthenticationException or AsnContentException or ObjectDisposedException
                                       or CryptographicException or UnauthorizedAccessException)
        {
            throw new LdapException($"{ldap.Url}: {e.Message}", e);
        }
    }

    private static async Task<(LdapVerdict, LdapEntry?)> SearchThenBindAsync(LdapWire wire, ConsoleLdapOptions ldap, string name, string password, CancellationToken cancellationToken)
    {
        if (ldap.BindDn.Length > 0)
        {
            var (code, diagnostic) = await wire.BindAsync(ldap.BindDn, ldap.BindPassword, cancellationToken);
            if (code != 0)
            {
                throw new LdapException($"the directory refused the console's bind as {ldap.BindDn} (result {code}: {diagnostic}); check console.ldap.bindDn and bindPassword");
            }
        }

        // Two at most: one is the person, two means the filter is ambiguous and nobody is signed in.
        var (searched, message, entries) = await wire.SearchAsync(
            ldap.BaseDn, subtree: true, LdapFilter.Build(ldap.Filter, name), Attributes(ldap), 2, (int)Math.Ceiling(ldap.Timeout.TotalSeconds), cancellationToken);
        if (searched is not (0 or 4))
        {
            throw new LdapException($"the search under {ldap.BaseDn} failed (result {searched}: {message})");
        }

        if (entries.Count != 1)
        {
            return (entries.Count == 0 ? LdapVerdict.NotFound : LdapVerdict.Refused, null);
        }

        var (bound, reason) = await wire.BindAsync(entries[0].Dn, password, cancellationToken);
        return bound == 0 ? (LdapVerdict.Accepted, entries[0]) : Refusal(bound, reason);
    }

    private static async Task<(LdapVerdict, LdapEntry?)> BindDirectlyAsync(LdapWire wire, ConsoleLdapOptions ldap, string name, string password, CancellationToken cancellationToken)
    {
        var dn = ldap.UserDn.Replace("%s", EscapeDn(name), StringComparison.Ordinal);
        var (bound, reason) = await wire.BindAsync(dn, password, cancellationToken);
        if (bound == InvalidCredentials)
        {
            return (LdapVerdict.NotFound, null); // an unknown DN and a wrong password get the same answer from the server
        }

        if (bound != 0)
        {
            return Refusal(bound, reason);
        }

        // Bound as the person: read their own entry for the contact details (an ACL may hide it; then there are none).
        var filter = new AsnWriter(AsnEncodingRules.BER);
        LdapFilter.Write(filter, "(objectClass=*)");
        var (code, _, entries) = await wire.SearchAsync(dn, subtree: false, filter.Encode(), Attributes(ldap), 1, (int)Math.Ceiling(ldap.Timeout.TotalSeconds), cancellationToken);
        return (LdapVerdict.Accepted, code == 0 && entries.Count == 1 ? entries[0] : new LdapEntry(dn, new Dictionary<string, string>()));
    }

    // invalidCredentials, inappropriateAuthentication, insufficientAccessRights, unwillingToPerform (a locked account):
    // the directory said no. Anything else means it could not answer.
    private static (LdapVerdict, LdapEntry?) Refusal(int code, string reason) =>
        code is InvalidCredentials or 48 or 50 or 53
            ? (LdapVerdict.Refused, null)
            : throw new LdapException($"the directory answered the bind with result {code}: {reason}");

    private static string[] Attributes(ConsoleLdapOptions ldap) =>
        [.. new[] { ldap.CnnameAttribute, ldap.EmailAttribute, ldap.PhoneAttribute }.Where(static a => a.Length > 0)];

    /// <summary>RFC 4514 escaping of a DN attribute value, so a name cannot add RDNs or change the DN's meaning.</summary>
    public static string EscapeDn(string value)
    {
        var text = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '\\' or ',' or '+' or '"' or '<' or '>' or ';' or '=' || (i == 0 && c is '#' or ' ') || (i == value.Length - 1 && c == ' '))
            {
                text.Append('\\').Append(c);
            }
            else if (c == '\0')
            {
                text.Append(@"\00");
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
