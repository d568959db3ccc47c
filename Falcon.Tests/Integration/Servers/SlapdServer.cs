using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Falcon.Tests.Integration.Servers;

/// <summary>
/// A real OpenLDAP slapd (Debian's slapd package) on a free loopback port, with a generated slapd.conf and an mdb
/// database under its own temp directory, loaded with slapadd before it starts. Stopping and starting it again keeps
/// the port and the data, so a test can play a directory that went away.
/// </summary>
internal sealed class SlapdServer : IAsyncDisposable
{
    public const string Suffix = "dc=example,dc=org";
    public const string ServiceDn = "cn=falcon,ou=services," + Suffix;
    public const string ServicePassword = "falcon-service-secret";
    private const string Package = "slapd";

    private readonly string _config;
    private readonly int? _tlsPort;
    private ServerProcess _process;

    private SlapdServer(ServerProcess process, string config, int port, int? tlsPort)
    {
        _process = process;
        _config = config;
        Port = port;
        _tlsPort = tlsPort;
    }

    public int Port { get; }

    public string Url => $"ldap://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The ldaps:// listener (only when started with a certificate).</summary>
    public string TlsUrl => $"ldaps://127.0.0.1:{(_tlsPort ?? throw new InvalidOperationException("started without TLS")).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Starts slapd holding <paramref name="ldif"/> (entries under <see cref="Suffix"/>; the suffix and ou entries are added here).</summary>
    /// <param name="ldif">The people.</param>
    /// <param name="tls">PEM files of the server's certificate and key: then slapd also offers StartTLS and listens on <see cref="TlsUrl"/>.</param>
    public static async Task<SlapdServer> StartAsync(string ldif, (string CertificateFile, string KeyFile)? tls = null)
    {
        var directory = ServerProcess.NewDirectory("slapd");
        try
        {
            var port = ServerProcess.FreePort();
            int? tlsPort = tls is null ? null : ServerProcess.FreePort();
            var config = Path.Combine(directory, "slapd.conf");
            Directory.CreateDirectory(Path.Combine(directory, "db"));
            var tlsConfig = tls is { } files ? $"TLSCertificateFile {files.CertificateFile}\nTLSCertificateKeyFile {files.KeyFile}\n" : "";
            await File.WriteAllTextAsync(config, tlsConfig + Config(directory));
            await File.WriteAllTextAsync(Path.Combine(directory, "data.ldif"), Base + ldif);
            await RunAsync("slapadd", "-f", config, "-l", Path.Combine(directory, "data.ldif"));
            var server = new SlapdServer(Launch(directory, config, port, tlsPort), config, port, tlsPort);
            await server.WaitAsync();
            return server;
        }
        catch
        {
            TryDelete(directory);
            throw;
        }
    }

    /// <summary>Kills slapd as a crash would; <see cref="StartAgainAsync"/> brings it back on the same port and data.</summary>
    public Task StopAsync() => _process.KillKeepingDirectoryAsync();

    public async Task StartAgainAsync()
    {
        _process = Launch(_process.Directory, _config, Port, _tlsPort);
        await WaitAsync();
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static ServerProcess Launch(string directory, string config, int port, int? tlsPort)
    {
        var listeners = $"ldap://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"
            + (tlsPort is { } p ? $" ldaps://127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}/" : "");
        // -d keeps slapd in the foreground (its output goes to the test's log); 0 asks for no debug output.
        return ServerProcess.Start("slapd", "slapd", Package, directory, "-h", listeners, "-f", config, "-d", "0");
    }

    private Task WaitAsync() => _process.WaitUntilReadyAsync(async token =>
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", Port, token);
        return true;
    }, TimeSpan.FromSeconds(30));

    private static string Config(string directory) => $"""
        include /etc/ldap/schema/core.schema
        include /etc/ldap/schema/cosine.schema
        include /etc/ldap/schema/inetorgperson.schema
        pidfile {directory}/slapd.pid
        modulepath /usr/lib/ldap
        moduleload back_mdb
        database mdb
        maxsize 10485760
        suffix "{Suffix}"
        rootdn "cn=admin,{Suffix}"
        rootpw admin-secret
        directory {directory}/db
        access to attrs=userPassword by anonymous auth by self write by * none
        access to * by * read
        """;

    private const string Base = $"""
        dn: {Suffix}
        objectClass: dcObject
        objectClass: organization
        dc: example
        o: Example

        dn: ou=people,{Suffix}
        objectClass: organizationalUnit
        ou: people

        dn: ou=services,{Suffix}
        objectClass: organizationalUnit
        ou: services

        dn: {ServiceDn}
        objectClass: person
        cn: falcon
        sn: falcon
        userPassword: {ServicePassword}


        """;

    /// <summary>An inetOrgPerson under ou=people, as LDIF.</summary>
    public static string Person(string uid, string password, string cn, string mail, string phone) => $"""
        dn: uid={uid},ou=people,{Suffix}
        objectClass: inetOrgPerson
        uid: {uid}
        cn: {cn}
        sn: {cn.Split(' ')[^1]}
        mail: {mail}
        telephoneNumber: {phone}
        userPassword: {password}


        """;

    private static async Task RunAsync(string binary, params string[] arguments)
    {
        var path = new[] { "/usr/sbin", "/usr/bin" }.Select(d => Path.Combine(d, binary)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"'{binary}' is not installed; run `apt-get install -y {Package} ldap-utils` (./build.sh test does this when run as root)");
        var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{binary} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}\n{await error}");
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left under /tmp.
        }
    }
}
