namespace Falcon.Roles.Console.Config.People;

/// <summary>
/// A uic user as the audit, history and export see it: contact details and role, never the password hash (export
/// reads uic.user.passwd itself when asked for secrets). Property order is the JSON's order; a JSON null reads as "" (or an empty list).
/// </summary>
internal sealed class UserObject
{
    public string Name { get; set => field = value ?? ""; } = "";

    public string Cnname { get; set => field = value ?? ""; } = "";

    public string Email { get; set => field = value ?? ""; } = "";

    public string Phone { get; set => field = value ?? ""; } = "";

    public string Im { get; set => field = value ?? ""; } = "";

    public string Qq { get; set => field = value ?? ""; } = "";

    /// <summary>-1 blocked, 0 normal, 1 admin, 2 root (open-falcon's values).</summary>
    public int Role { get; set; }
}

/// <summary>A uic team with its members by name, sorted; the creator by name ("" when that user is gone).</summary>
internal sealed class TeamObject
{
    public string Name { get; set => field = value ?? ""; } = "";

    public string Resume { get; set => field = value ?? ""; } = "";

    public string Creator { get; set => field = value ?? ""; } = "";

    public List<string> Members { get; set => field = value ?? []; } = [];
}

/// <summary>`GET /api/users` rows and `GET /api/me`: the user and the teams they are in.</summary>
internal sealed class UserListItem
{
    public string Name { get; set; } = "";

    public string Cnname { get; set; } = "";

    public string Email { get; set; } = "";

    public string Phone { get; set; } = "";

    public string Im { get; set; } = "";

    public string Qq { get; set; } = "";

    public int Role { get; set; }

    public List<string> Teams { get; set; } = [];

    /// <summary>True when the user has a console password (false: signs in through LDAP, or not at all).</summary>
    public bool LocalPassword { get; set; }
}

/// <summary>`POST /api/users`, `PUT /api/users/{name}`, `PUT /api/me`: a property left out keeps its value.</summary>
internal sealed class UserRequest
{
    public string? Name { get; set; }

    public string? Password { get; set; }

    public string? Cnname { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Im { get; set; }

    public string? Qq { get; set; }

    public int? Role { get; set; }
}

/// <summary>`PUT /api/users/{name}/password`: the person gives <see cref="Old"/>; an admin setting another's need not.</summary>
internal sealed class PasswordRequest
{
    public string? Old { get; set; }

    public string? Password { get; set; }
}

/// <summary>`POST /api/teams`, `PUT /api/teams/{name}`: a property left out keeps its value.</summary>
internal sealed class TeamRequest
{
    public string? Name { get; set; }

    public string? Resume { get; set; }

    public List<string>? Members { get; set; }
}
