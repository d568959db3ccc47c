using Falcon.Roles.Console.Config.People;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Console.Auth;

/// <summary>How a sign-in attempt ended: the user when it succeeded, or why not.</summary>
internal sealed record SignInOutcome(bool Ok, long Id, string Name, int Role, string Method, string? Unavailable = null)
{
    public static SignInOutcome Refused { get; } = new(false, 0, "", 0, "");
}

/// <summary>
/// Decides a name and password. Without console.ldap, the uic password decides. With it, LDAP is asked first:
/// <list type="bullet">
/// <item>it accepts the password: signed in, the uic user created (role 0, no password) or its contact details
/// refreshed from the directory;</item>
/// <item>it knows the person and refuses the password: refused, whatever uic holds;</item>
/// <item>it has no such person: the uic password decides (local users, such as the first admin);</item>
/// <item>it cannot be reached: the uic password decides for users that have one; the others get a 503 saying so.</item>
/// </list>
/// A blocked uic user (role -1) is refused either way.
/// </summary>
internal sealed class LdapSignIn(LdapDirectory directory, LdapUsers users, IOptions<ConsoleOptions> options, ILogger logger)
{
    public async Task<SignInOutcome> CheckAsync(string name, string password, (long Id, string Name, int Role, string Passwd)? local, CancellationToken cancellationToken)
    {
        SignInOutcome Local() =>
            local is { } u && u.Role >= 0 && PasswordHash.Matches(options.Value.PasswordSalt, password, u.Passwd)
                ? new SignInOutcome(true, u.Id, u.Name, u.Role, "password")
                : SignInOutcome.Refused;

        if (!directory.Enabled)
        {
            return Local();
        }

        (LdapVerdict Verdict, LdapEntry? Entry) answer;
        try
        {
            answer = await directory.AuthenticateAsync(name, password, cancellationToken);
        }
        catch (LdapException e)
        {
            PeopleLog.LdapUnavailable(logger, directory.Url, e.Message);
            return local is { Passwd.Length: > 0 }
                ? Local()
                : SignInOutcome.Refused with { Unavailable = "the LDAP directory cannot be reached, so LDAP users cannot sign in now; try again later (users with a console password still can)" };
        }

        switch (answer.Verdict)
        {
            case LdapVerdict.Accepted:
                var (id, uicName, role) = await users.UpsertAsync(local?.Name ?? name, answer.Entry!, cancellationToken);
                return role >= 0 ? new SignInOutcome(true, id, uicName, role, "ldap") : SignInOutcome.Refused;
            case LdapVerdict.NotFound:
                return Local();
            default:
                return SignInOutcome.Refused;
        }
    }
}
