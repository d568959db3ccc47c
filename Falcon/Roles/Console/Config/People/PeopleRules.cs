using System.Text.RegularExpressions;

namespace Falcon.Roles.Console.Config.People;

/// <summary>
/// What uic accepts for users and teams: the column widths of open-falcon's tables, names as open-falcon allowed
/// them (letters, digits, '.', '_', '-'), and no 4-byte characters (emoji) while the tables are utf8. A value that
/// breaks a rule is refused with the JSON property at fault, never cut or replaced: a contact detail that was
/// silently changed would page the wrong phone.
/// </summary>
internal static partial class PeopleRules
{
    public const int NameMax = 64;
    public const int PasswordMin = 8;
    public const int PasswordMax = 256;

    public static void User(UserObject user, bool fourByteColumns)
    {
        Name(user.Name, "name", "user");
        Text(user.Cnname, "cnname", 128, fourByteColumns);
        Text(user.Email, "email", 255, fourByteColumns);
        if (user.Email.Length > 0 && !EmailShape().IsMatch(user.Email))
        {
            throw new ConfigValidationException("email", $"'{user.Email}' is not a mail address (name@example.com)");
        }

        if (user.Phone.Length > 0 && !PhoneShape().IsMatch(user.Phone))
        {
            throw new ConfigValidationException("phone", "a phone number is digits with an optional leading + (at most 16 characters: uic.user.phone), e.g. +8613800138000");
        }

        Text(user.Im, "im", 32, fourByteColumns);
        Text(user.Qq, "qq", 16, fourByteColumns);
        if (user.Role is < -1 or > 2)
        {
            throw new ConfigValidationException("role", $"role is -1 (blocked), 0 (user), 1 (admin) or 2 (root), not {user.Role}");
        }
    }

    public static void Team(TeamObject team, bool fourByteColumns)
    {
        Name(team.Name, "name", "team");
        Text(team.Resume, "resume", 255, fourByteColumns);
    }

    public static void Name(string name, string field, string what)
    {
        if (name.Length == 0)
        {
            throw new ConfigValidationException(field, $"a {what} needs a name");
        }

        if (name.Length > NameMax || !NameShape().IsMatch(name))
        {
            throw new ConfigValidationException(field, $"a {what} name is 1 to {NameMax} letters, digits, '.', '_' or '-' (open-falcon's rule), not '{name}'");
        }
    }

    public static void Password(string? password, string field)
    {
        if (password is null || password.Length < PasswordMin)
        {
            throw new ConfigValidationException(field, $"a password is at least {PasswordMin} characters long");
        }

        if (password.Length > PasswordMax)
        {
            throw new ConfigValidationException(field, $"a password is at most {PasswordMax} characters long");
        }
    }

    public static bool IsEmail(string value) => EmailShape().IsMatch(value);

    public static bool IsPhone(string value) => PhoneShape().IsMatch(value);

    private static void Text(string value, string field, int width, bool fourByteColumns)
    {
        var characters = 0;
        for (var i = 0; i < value.Length; i++, characters++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                if (!fourByteColumns)
                {
                    throw new ConfigValidationException(field, "emoji and other 4-byte characters do not fit open-falcon's utf8 uic tables (run `falcon db migrate --utf8mb4` to allow them)");
                }

                i++;
            }
            else if (char.IsSurrogate(c) || char.IsControl(c))
            {
                throw new ConfigValidationException(field, "holds a control character or a broken character");
            }
        }

        if (characters > width)
        {
            throw new ConfigValidationException(field, $"at most {width} characters (the uic column's width), got {characters}");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex NameShape();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s.]+$")]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^\+?[0-9]{1,15}$")]
    private static partial Regex PhoneShape();
}
