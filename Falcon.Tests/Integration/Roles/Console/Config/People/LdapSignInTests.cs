using System.Formats.Asn1;
using System.Net;
using Falcon.Roles.Console;
using Falcon.Roles.Console.Auth;
using Falcon.Tests.Integration.Servers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Integration.Roles.Console.Config.People;

/// <summary>
/// Sign-in through a real OpenLDAP slapd: a directory person signs in and gets a uic user, a wrong password is
/// refused and counted, a name that tries to widen the search matches nobody, a person in both places is decided by
/// the directory, local users still sign in (also while the directory is down, when LDAP users get a clear 503).
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class LdapSignInTests
{
    private const string PeopleDn = "ou=people," + SlapdServer.Suffix;
    private static SlapdServer _slapd = null!;
    private static ConsoleStack _stack = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _slapd = await SlapdServer.StartAsync(
            SlapdServer.Person("lena", "lena-secret", "Lena Lindqvist", "lena@example.org", "+49 30 123456")
            + SlapdServer.Person("lars", "lars-secret", "Lars L", "lars@example.org", "+49 30 654321")
            + SlapdServer.Person("alice", "alice-ldap-secret", "Alice Directory", "alice@example.org", "+1 555 0100"));
        _stack = await ConsoleStack.StartAsync(
            $"console.ldap.url={_slapd.Url}",
            $"console.ldap.bindDn={SlapdServer.ServiceDn}",
            $"console.ldap.bindPassword={SlapdServer.ServicePassword}",
            $"console.ldap.baseDn={PeopleDn}",
            "console.ldap.filter=(&(objectClass=inetOrgPerson)(uid=%s))",
            "console.ldap.timeout=00:00:02",
            "console.signInAttempts=3");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _stack.StopAllAsync();
        await _slapd.DisposeAsync();
    }

    // Every attempt comes from 127.0.0.1: each test starts with no failures counted for it.
    [SetUp]
    public async Task ForgetFailuresAsync() => await SignInFailures.ForgetAsync(await TestServers.RedisAsync());

    [Test]
    public async Task ADirectoryPerson_SignsIn_AndGetsAUicUserWithTheDirectorysDetails_AndNoPassword()
    {
        using var lena = new ConsoleClient(_stack.HttpAddress);
        var (status, body) = await lena.SignInAsync("lena", "lena-secret");
        var me = await lena.GetAsync("/api/me");
        var passwd = await PeopleApiTests.Scalar(_stack, "SELECT passwd FROM `user` WHERE name = 'lena'");
        var created = await PeopleApiTests.Audit(_stack, "uic", "user", "lena");
        var sessions = await PeopleApiTests.Audit(_stack, "uic", "session", "lena");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
            Assert.That(me.Body, Is.EqualTo("""{"name":"lena","cnname":"Lena Lindqvist","email":"lena@example.org","phone":"\u002B4930123456","im":"","qq":"","role":0,"teams":[],"localPassword":false}"""));
            Assert.That(passwd, Is.EqualTo(""), "no password: the uic row cannot be used without the directory");
            Assert.That(created.Select(r => (r.Actor, r.Action)), Is.EqualTo(new[] { ("ldap", "ldap-create") }));
            Assert.That(sessions.Select(r => r.Action), Has.Member("sign-in"));
        });
    }

    [Test]
    public async Task AWrongDirectoryPassword_IsRefused_AndCountedByTheThrottle()
    {
        using var lars = new ConsoleClient(_stack.HttpAddress);
        var wrong = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            wrong.Add((await lars.SignInAsync("lars", "not-lars-password")).Status);
        }

        var (blocked, _) = await lars.SignInAsync("lars", "lars-secret");
        var refusals = (await PeopleApiTests.Audit(_stack, "uic", "session", "lars")).Count(r => r.Action == "sign-in-refused");

        Assert.Multiple(() =>
        {
            Assert.That(wrong, Is.All.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(blocked, Is.EqualTo(HttpStatusCode.TooManyRequests), "three failures within the window: even the right password waits");
            Assert.That(refusals, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task AFilterInjectionName_MatchesNobody()
    {
        using var client = new ConsoleClient(_stack.HttpAddress);
        var (withLenas, _) = await client.SignInAsync("*)(uid=*", "lena-secret");
        var (withLars, _) = await client.SignInAsync("*", "lars-secret");
        var filter = new AsnWriter(AsnEncodingRules.BER);
        LdapFilter.Write(filter, "(uid=*)");
        await using var wire = await LdapWire.ConnectAsync(new Uri(_slapd.Url), startTls: false, trustedCas: null, CancellationToken.None);
        var (_, _, everyone) = await wire.SearchAsync(PeopleDn, true, filter.Encode(), ["uid"], 10, 5, CancellationToken.None);
        var (_, _, escaped) = await wire.SearchAsync(PeopleDn, true, LdapFilter.Build("(&(objectClass=inetOrgPerson)(uid=%s))", "*)(uid=*"), ["uid"], 10, 5, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(withLenas, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(withLars, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(everyone, Has.Count.EqualTo(3), "a real wildcard would have matched every person");
            Assert.That(escaped, Is.Empty, "the name is compared as it is, '*' and parentheses included");
            Assert.That(await PeopleApiTests.Scalar(_stack, "SELECT COUNT(*) FROM `user` WHERE name LIKE '%*%'"), Is.Zero);
        });
    }

    [Test]
    public async Task APersonInBothPlaces_IsDecidedByTheDirectory()
    {
        using var alice = new ConsoleClient(_stack.HttpAddress);
        var (uicPassword, _) = await alice.SignInAsync("alice", ConsoleStack.AlicePassword);
        var (ldapPassword, body) = await alice.SignInAsync("alice", "alice-ldap-secret");
        var stored = await PeopleApiTests.Scalar(_stack, "SELECT passwd FROM `user` WHERE name = 'alice'");

        Assert.Multiple(() =>
        {
            Assert.That(uicPassword, Is.EqualTo(HttpStatusCode.Unauthorized), "the directory knows alice: its password decides");
            Assert.That(ldapPassword, Is.EqualTo(HttpStatusCode.OK), body);
            Assert.That(stored, Is.Not.Empty, "an existing user's console password is left as it was");
        });
    }

    [Test]
    public async Task ALocalUserTheDirectoryDoesNotKnow_SignsInWithTheUicPassword()
    {
        using var bob = new ConsoleClient(_stack.HttpAddress);
        var (status, body) = await bob.SignInAsync("bob", "bob-secret");
        var sessions = await PeopleApiTests.Audit(_stack, "uic", "session", "bob");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
            Assert.That(sessions, Has.Some.Matches<(string Actor, string Action, string? Old, string? New)>(r => r.Action == "sign-in"));
        });
    }

    [Test]
    public async Task WhileTheDirectoryIsDown_LdapUsersGetAClearMessage_AndLocalUsersStillSignIn()
    {
        await _slapd.StopAsync();
        try
        {
            using var client = new ConsoleClient(_stack.HttpAddress);
            var (lena, message) = await client.SignInAsync("lena", "lena-secret");
            var (bob, _) = await client.SignInAsync("bob", "bob-secret");

            Assert.Multiple(() =>
            {
                Assert.That(lena, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(ConsoleClient.Json(message).GetProperty("msg").GetString(), Does.Contain("LDAP directory cannot be reached"));
                Assert.That(bob, Is.EqualTo(HttpStatusCode.OK));
            });
        }
        finally
        {
            await _slapd.StartAgainAsync();
        }
    }

    [Test]
    public async Task WithAUserDnTemplate_ThePersonIsBoundDirectly_AndANameCannotAddToTheDn()
    {
        var options = new ConsoleOptions { Ldap = new ConsoleLdapOptions { Url = _slapd.Url, UserDn = "uid=%s," + PeopleDn, Timeout = TimeSpan.FromSeconds(2) } };
        var directory = new LdapDirectory(Options.Create(options));
        var (good, entry) = await directory.AuthenticateAsync("lena", "lena-secret", CancellationToken.None);
        var (wrong, _) = await directory.AuthenticateAsync("lena", "nope-nope", CancellationToken.None);
        var (crafted, _) = await directory.AuthenticateAsync("lena,ou=people", "lena-secret", CancellationToken.None);
        var (empty, _) = await directory.AuthenticateAsync("lena", "", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(good, Is.EqualTo(LdapVerdict.Accepted));
            Assert.That(entry!.Value("mail"), Is.EqualTo("lena@example.org"));
            Assert.That(wrong, Is.EqualTo(LdapVerdict.NotFound), "the server answers an unknown DN and a wrong password alike");
            Assert.That(crafted, Is.EqualTo(LdapVerdict.NotFound));
            Assert.That(empty, Is.EqualTo(LdapVerdict.Refused), "an empty password would be an anonymous bind");
        });
    }

    [Test]
    public void ABadLdapConfiguration_IsRefusedAtStartUp()
    {
        static string[] Problems(ConsoleLdapOptions ldap) => [.. ldap.Validate().Select(static r => r.ErrorMessage ?? "")];

        Assert.Multiple(() =>
        {
            Assert.That(Problems(new() { Url = "ldap://127.0.0.1:1", BaseDn = PeopleDn, Filter = "(uid=%s" }), Has.One.Contains("not an LDAP filter"));
            Assert.That(Problems(new() { Url = "http://127.0.0.1", BaseDn = PeopleDn }), Has.One.Contains("ldap://"));
            Assert.That(Problems(new() { Url = "ldap://127.0.0.1:1" }), Has.One.Contains("baseDn"));
            Assert.That(Problems(new() { Url = "ldaps://127.0.0.1:1", BaseDn = PeopleDn, StartTls = true }), Has.One.Contains("startTls"));
            Assert.That(Problems(new() { Url = "ldap://127.0.0.1:1", BaseDn = PeopleDn }), Is.Empty);
            Assert.That(_stack.Services.GetRequiredService<LdapDirectory>().Enabled, Is.True);
        });
    }
}
