using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Falcon.Roles.Console;
using Falcon.Roles.Console.Auth;
using Falcon.Tests.Integration.Servers;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Integration.Roles.Console.Config.People;

/// <summary>
/// LDAP sign-in over TLS against a real slapd whose certificate is signed by a CA made for the test: ldaps:// and
/// StartTLS succeed when console.ldap.caFile names that CA, and fail with a clear reason when it is not trusted or the
/// certificate names another host; a caFile that is missing or not PEM stops the start with its name.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class LdapTlsTests
{
    private const string PeopleDn = "ou=people," + SlapdServer.Suffix;
    private static string _directory = null!;
    private static string _caFile = null!;
    private static string _otherCaFile = null!;
    private static SlapdServer _slapd = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _directory = ServerProcess.NewDirectory("ldap-tls");
        using var ca = Authority("Falcon test LDAP CA");
        using var other = Authority("Some other CA");
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        using var server = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7), [1, 2, 3, 4]);
        _caFile = Write("ca.pem", ca.ExportCertificatePem());
        _otherCaFile = Write("other-ca.pem", other.ExportCertificatePem());
        var certificateFile = Write("server.pem", server.ExportCertificatePem());
        var keyFile = Write("server.key", key.ExportPkcs8PrivateKeyPem());
        _slapd = await SlapdServer.StartAsync(SlapdServer.Person("tina", "tina-secret", "Tina Tls", "tina@example.org", "+49 30 111"), (certificateFile, keyFile));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _slapd.DisposeAsync();
        System.IO.Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task Ldaps_WithTheCaFile_SignsThePersonIn()
    {
        var (verdict, entry) = await Directory(_slapd.TlsUrl, startTls: false, _caFile).AuthenticateAsync("tina", "tina-secret", CancellationToken.None);

        Assert.That((verdict, entry?.Dn), Is.EqualTo((LdapVerdict.Accepted, (string?)$"uid=tina,{PeopleDn}")));
    }

    [Test]
    public async Task StartTls_WithTheCaFile_SignsThePersonIn_AndAWrongPasswordIsStillRefused()
    {
        var directory = Directory(_slapd.Url, startTls: true, _caFile);

        var (verdict, _) = await directory.AuthenticateAsync("tina", "tina-secret", CancellationToken.None);
        var (wrong, _) = await directory.AuthenticateAsync("tina", "not-tina", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(verdict, Is.EqualTo(LdapVerdict.Accepted));
            Assert.That(wrong, Is.EqualTo(LdapVerdict.Refused));
        });
    }

    [TestCase(true, TestName = "Ldaps_SignedByACaNotTrusted_FailsWithTheReason_AndNoPasswordIsSent")]
    [TestCase(false, TestName = "StartTls_SignedByACaNotTrusted_FailsWithTheReason_AndNoPasswordIsSent")]
    public void ACertificateNotSignedByTheConfiguredCa_IsRefused(bool ldaps)
    {
        var directory = Directory(ldaps ? _slapd.TlsUrl : _slapd.Url, startTls: !ldaps, _otherCaFile);

        var error = Assert.ThrowsAsync<LdapException>(async () => await directory.AuthenticateAsync("tina", "tina-secret", CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("certificate"));
    }

    [Test]
    public void ACertificateForAnotherHost_IsRefused_EvenFromTheTrustedCa()
    {
        // The certificate names 127.0.0.1; "localhost" reaches the same server under a name it does not carry.
        var url = _slapd.TlsUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

        var error = Assert.ThrowsAsync<LdapException>(async () => await Directory(url, startTls: false, _caFile).AuthenticateAsync("tina", "tina-secret", CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("certificate"));
    }

    [Test]
    public void ACaFileThatIsMissing_NotPem_OrUsedWithPlainLdap_StopsTheStartWithItsName()
    {
        var notPem = Write("not.pem", "this is not a certificate\n");

        Assert.Multiple(() =>
        {
            Assert.That(Problems(_slapd.TlsUrl, false, Path.Combine(_directory, "missing.pem")), Has.One.Contains("console.ldap.caFile").And.Contains("missing.pem"));
            Assert.That(Problems(_slapd.TlsUrl, false, notPem), Has.One.Contains("console.ldap.caFile").And.Contains("no PEM certificate"));
            Assert.That(Problems(_slapd.Url, false, _caFile), Has.One.Contains("is for ldaps:// URLs or startTls"));
            Assert.That(Problems(_slapd.TlsUrl, false, _caFile), Is.Empty);
        });
    }

    private static LdapDirectory Directory(string url, bool startTls, string caFile) =>
        new(Options.Create(new ConsoleOptions { Ldap = Ldap(url, startTls, caFile) }));

    private static ConsoleLdapOptions Ldap(string url, bool startTls, string caFile) => new()
    {
        Url = url,
        StartTls = startTls,
        CaFile = caFile,
        BindDn = SlapdServer.ServiceDn,
        BindPassword = SlapdServer.ServicePassword,
        BaseDn = PeopleDn,
        Timeout = TimeSpan.FromSeconds(5),
    };

    private static List<string?> Problems(string url, bool startTls, string caFile) =>
        [.. Ldap(url, startTls, caFile).Validate().Select(static r => r.ErrorMessage)];

    private static X509Certificate2 Authority(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
