using System.ComponentModel.DataAnnotations;
using Falcon.Shared.Configuration;
using Falcon.Shared.Tsdb;

namespace Falcon.Roles.Console;

/// <summary>
/// The `console` section: the web page's listener, open-falcon's password salt, the session cookie, and where the
/// alarm and hbs HTTP APIs the console calls are.
/// </summary>
internal sealed class ConsoleOptions : IValidatableObject
{
    public const string SectionName = "console";

    /// <summary>HTTP listener of the page and its /api (open-falcon dashboard's port).</summary>
    [ListenAddress("console.httpListen")]
    public string HttpListen { get; set; } = "0.0.0.0:8081";

    /// <summary>open-falcon api's `salt`: uic.user.passwd is md5(salt + password) in hex. Must equal the salt the users were created with.</summary>
    public string PasswordSalt { get; set; } = string.Empty;

    /// <summary>How long a sign-in lasts (the cookie and the uic.session row expire together).</summary>
    [DurationRange("console.sessionLifetime", "00:05:00", "30.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>True: the cookie is always `Secure` (a TLS proxy in front). False: `Secure` only when the request itself came over HTTPS.</summary>
    public bool SecureCookie { get; set; }

    /// <summary>
    /// Reverse proxies in front of the console (addresses or CIDR networks, e.g. 10.0.0.5 or 10.0.0.0/24): from them
    /// X-Forwarded-For names the client (for the sign-in throttle and the audit) and X-Forwarded-Proto: https makes the
    /// cookie Secure. Empty (the default): the socket's address is the client and forwarded headers are ignored.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Signs the CSRF tokens. Empty: one is generated once and shared by every console through Redis.</summary>
    public string SessionSecret { get; set; } = string.Empty;

    /// <summary>`Authorization: Bearer` token for automation, acting as an admin. Empty: one is generated once and kept in Redis (read it with redis-cli).</summary>
    public string AdminToken { get; set; } = string.Empty;

    /// <summary>Wrong passwords allowed per user name (and per client address) within <see cref="SignInWindow"/>; then sign-in is refused until it passes.</summary>
    [KeyedRange("console.signInAttempts", 1, 1000)]
    public int SignInAttempts { get; set; } = 5;

    [DurationRange("console.signInWindow", "00:00:01", "1.00:00:00")]
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The alarm role's HTTP API (search, silences).</summary>
    [HttpUrl("console.alarmUrl")]
    public string AlarmUrl { get; set; } = "http://127.0.0.1:9912";

    /// <summary>hbs's HTTP API (agents, upgrade status).</summary>
    [HttpUrl("console.hbsUrl")]
    public string HbsUrl { get; set; } = "http://127.0.0.1:6031";

    /// <summary>
    /// apiproxy's HTTP address: host charts then read every datacenter through it (as the signed-in person, by their
    /// uic session). Empty: charts read tsdb.queryUrl directly.
    /// </summary>
    public string ApiProxyUrl { get; set; } = string.Empty;

    /// <summary>An agent whose last heartbeat is older than this is shown as dead (agents heartbeat every minute).</summary>
    [DurationRange("console.agentDeadAfter", "00:00:10", "7.00:00:00")]
    public TimeSpan AgentDeadAfter { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Each call to the alarm role, hbs or the TSDB gives up after this.</summary>
    [DurationRange("console.callTimeout", "00:00:01", "00:05:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Sign-in through an LDAP directory (off while its url is empty).</summary>
    public Auth.ConsoleLdapOptions Ldap { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var problem in Ldap.Validate())
        {
            yield return problem;
        }

        foreach (var proxy in TrustedProxies)
        {
            if (!Auth.TrustedProxies.TryParse(proxy, out _))
            {
                yield return new ValidationResult($"console.trustedProxies: '{proxy}' is not an IP address or a CIDR network such as 10.0.0.0/24");
            }
        }

        if (ApiProxyUrl.Length > 0
            && !(Uri.TryCreate(ApiProxyUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0))
        {
            yield return new ValidationResult($"console.apiProxyUrl must be empty (charts read tsdb.queryUrl) or an absolute http:// or https:// URL of apiproxy, got '{ApiProxyUrl}'");
        }
    }
}
