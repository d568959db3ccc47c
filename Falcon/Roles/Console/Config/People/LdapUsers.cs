using Falcon.Roles.Console.Auth;
using Falcon.Shared.Portal;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Console.Config.People;

/// <summary>
/// The uic user of a person the LDAP directory signed in: created on their first sign-in (role 0, no password, so it
/// cannot be used without the directory), and its cnname, email and phone refreshed from the directory's attributes
/// at each sign-in (a value the directory does not give, or that uic cannot hold, leaves uic's as it is). Written
/// through <see cref="ConfigSaver"/> with the actor "ldap", so the audit shows it.
/// </summary>
internal sealed class LdapUsers(ConfigSaver saver, UserKind users, FalconDatabases databases, IOptions<ConsoleOptions> options)
{
    public static readonly ConsoleCaller Actor = new(0, "ldap", false, "", DateTimeOffset.MaxValue);
    private static readonly string[] Tables = ["user"];

    public async Task<(long Id, string Name, int Role)> UpsertAsync(string name, LdapEntry entry, CancellationToken cancellationToken)
    {
        var ldap = options.Value.Ldap;
        UserObject user;
        bool fourByte;
        bool isNew;
        await using (var connection = await databases.Uic.OpenConnectionAsync(cancellationToken))
        {
            fourByte = await databases.Uic.FourByteTables.HoldAsync(connection, Tables, cancellationToken);
            var existing = await UicPeople.FindUserAsync(connection, null, name, cancellationToken);
            isNew = existing is null;
            user = existing?.User ?? new UserObject { Name = name, Role = 0 };
        }

        var before = UserKind.Serialize(user);
        var cnname = Clean(entry.Value(ldap.CnnameAttribute));
        if (cnname.Length > 0)
        {
            user.Cnname = ColumnText.Fit(cnname, 128, fourByte);
        }

        var email = entry.Value(ldap.EmailAttribute).Trim();
        if (email.Length is > 0 and <= 255 && PeopleRules.IsEmail(email))
        {
            user.Email = email;
        }

        var phone = new string([.. entry.Value(ldap.PhoneAttribute).Where(static c => c is not (' ' or '-' or '(' or ')' or '.'))]);
        if (PeopleRules.IsPhone(phone))
        {
            user.Phone = phone;
        }

        var after = UserKind.Serialize(user);
        if (isNew || after != before)
        {
            await saver.PutAsync(users, user.Name, after, isNew ? "ldap-create" : "ldap-update", Actor, cancellationToken);
        }

        await using var read = await databases.Uic.OpenConnectionAsync(cancellationToken);
        var saved = await UicPeople.FindUserAsync(read, null, user.Name, cancellationToken)
            ?? throw new InvalidOperationException($"the uic user {user.Name} vanished right after its LDAP sign-in");
        return (saved.Id, saved.User.Name, saved.User.Role);
    }

    private static string Clean(string value) => new string([.. value.Where(static c => !char.IsControl(c))]).Trim();
}
