using System.ComponentModel.DataAnnotations;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Falcon.Roles.Console.Auth;

/// <summary>
/// `console.ldap`: sign-in through an LDAP directory, as open-falcon's dashboard offered. Empty <see cref="Url"/>: off.
/// The person is found either by searching <see cref="BaseDn"/> with <see cref="Filter"/> (bound as
/// <see cref="BindDn"/>, or anonymously when it is empty) and then binding as the entry found, or, with
/// <see cref="UserDn"/>, by binding as that DN directly.
/// </summary>
internal sealed class ConsoleLdapOptions
{
    /// <summary>`ldap://host:389` (optionally with <see cref="StartTls"/>) or `ldaps://host:636`. Empty: no LDAP.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>Who the console binds as to search (e.g. cn=falcon,ou=services,dc=example,dc=org). Empty: an anonymous search.</summary>
    public string BindDn { get; set; } = string.Empty;

    public string BindPassword { get; set; } = string.Empty;

    /// <summary>Bind as this DN directly instead of searching, %s being the sign-in name (e.g. uid=%s,ou=people,dc=example,dc=org).</summary>
    public string UserDn { get; set; } = string.Empty;

    /// <summary>Where the search starts (e.g. ou=people,dc=example,dc=org).</summary>
    public string BaseDn { get; set; } = string.Empty;

    /// <summary>The search filter, %s being the sign-in name (escaped), e.g. (uid=%s) or (&amp;(objectClass=inetOrgPerson)(uid=%s)).</summary>
    public string Filter { get; set; } = "(uid=%s)";

    /// <summary>The attributes copied to uic.user's cnname, email and phone at each sign-in (empty: not copied).</summary>
    public string CnnameAttribute { get; set; } = "cn";

    public string EmailAttribute { get; set; } = "mail";

    public string PhoneAttribute { get; set; } = "telephoneNumber";

    /// <summary>Upgrade ldap:// with the StartTLS operation before binding.</summary>
    public bool StartTls { get; set; }

    /// <summary>
    /// PEM file of the CA certificate(s) the directory's certificate must chain to, for ldaps:// and StartTLS (an
    /// internal CA). Empty: the host's trust store. Either way the certificate must name the URL's host.
    /// </summary>
    public string CaFile { get; set; } = string.Empty;

    /// <summary>The whole sign-in conversation with the server gives up after this.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    public bool Enabled => Url.Length > 0;

    public IEnumerable<ValidationResult> Validate()
    {
        if (!Enabled)
        {
            yield break;
        }

        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.Scheme is not ("ldap" or "ldaps"))
        {
            yield return new ValidationResult($"console.ldap.url must be ldap://host:port or ldaps://host:port, got '{Url}'");
        }
        else if (StartTls && uri.Scheme == "ldaps")
        {
            yield return new ValidationResult("console.ldap.startTls is for ldap:// URLs; ldaps:// is TLS already");
        }

        if (CaFile.Length > 0)
        {
            if (!StartTls && !Url.StartsWith("ldaps:", StringComparison.OrdinalIgnoreCase))
            {
                yield return new ValidationResult("console.ldap.caFile is for ldaps:// URLs or startTls: true; a plain ldap:// connection has no certificate");
            }
            else if (CaError() is { } error)
            {
                yield return new ValidationResult($"console.ldap.caFile '{CaFile}': {error}");
            }
        }

        if (UserDn.Length > 0)
        {
            if (!UserDn.Contains("%s", StringComparison.Ordinal))
            {
                yield return new ValidationResult($"console.ldap.userDn must hold %s where the sign-in name goes, got '{UserDn}'");
            }
        }
        else if (BaseDn.Length == 0)
        {
            yield return new ValidationResult("console.ldap needs baseDn (and filter) to search for the person, or userDn to bind as them directly");
        }
        else if (!Filter.Contains("%s", StringComparison.Ordinal))
        {
            yield return new ValidationResult($"console.ldap.filter must hold %s where the sign-in name goes, got '{Filter}'");
        }
        else if (FilterError() is { } error)
        {
            yield return new ValidationResult($"console.ldap.filter '{Filter}' is not an LDAP filter: {error}");
        }

        if (Timeout < TimeSpan.FromMilliseconds(100) || Timeout > TimeSpan.FromMinutes(1))
        {
            yield return new ValidationResult($"console.ldap.timeout must be between 00:00:00.1 and 00:01:00, got {Timeout}");
        }
    }

    /// <summary>The CA certificates of <see cref="CaFile"/>, or null when the host's trust store decides.</summary>
    internal X509Certificate2Collection? TrustedCas()
    {
        if (CaFile.Length == 0)
        {
            return null;
        }

        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(CaFile);
        return certificates.Count > 0
            ? certificates
            : throw new CryptographicException("it holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }

    private string? CaError()
    {
        try
        {
            foreach (var certificate in TrustedCas()!)
            {
                certificate.Dispose();
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            return e.Message;
        }
    }

    private string? FilterError()
    {
        try
        {
            LdapFilter.Write(new AsnWriter(AsnEncodingRules.BER), Filter.Replace("%s", "name", StringComparison.Ordinal));
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }
}
