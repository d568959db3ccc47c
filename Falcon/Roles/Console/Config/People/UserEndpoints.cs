using Falcon.Roles.Console.Auth;
using Falcon.Shared.Portal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Console.Config.People;

/// <summary>
/// `/api/users` and `/api/me`. Admins (uic role admin or root, or the admin token) create, edit, block (role -1) and
/// delete users; a person edits their own contact details. Granting or taking root, and changing a root user, needs
/// root. Every change goes through <see cref="ConfigSaver"/>, audited in uic.falcon_audit.
/// </summary>
internal sealed partial class UserEndpoints(
    ConfigSaver saver, UserKind users, FalconDatabases databases, SignInThrottle throttle, TrustedProxies proxies, IOptions<ConsoleOptions> options, TimeProvider timeProvider)
{
    private const string Shape = "user JSON {\"name\",\"password\",\"cnname\",\"email\",\"phone\",\"im\",\"qq\",\"role\"}";

    public async Task<IResult> ListAsync(HttpContext context, ConsoleCaller caller)
    {
        var (query, limit) = ConfigRequests.ListFilter(context);
        await using var connection = await databases.Uic.OpenConnectionAsync(context.RequestAborted);
        var teams = await UicPeople.TeamsByUserAsync(connection, context.RequestAborted);
        var list = new List<UserListItem>();
        await using (var command = new MySqlConnector.MySqlCommand($"SELECT {UicPeople.UserColumns} FROM `user`", connection))
        await using (var reader = await command.ExecuteReaderAsync(context.RequestAborted))
        {
            while (await reader.ReadAsync(context.RequestAborted))
            {
                var (id, user, passwd) = UicPeople.ReadUser(reader);
                if (PeopleRequests.Matches(query, user.Name, user.Cnname, user.Email, user.Im))
                {
                    list.Add(Item(user, passwd, teams.GetValueOrDefault(id) ?? []));
                }
            }
        }

        list.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return Results.Json(list.Take(limit).ToList(), PeopleJsonContext.Default.ListUserListItem);
    }

    public async Task<IResult> CreateAsync(HttpContext context, ConsoleCaller caller)
    {
        if (!caller.IsAdmin)
        {
            return ConsoleResults.Message(StatusCodes.Status403Forbidden, "users are created by admins (uic role admin or root)");
        }

        var (body, error) = await ConfigRequests.BodyAsync(context, PeopleJsonContext.Default.UserRequest, Shape);
        if (body is null)
        {
            return error!;
        }

        var user = new UserObject
        {
            Name = (body.Name ?? "").Trim(), Cnname = body.Cnname ?? "", Email = body.Email ?? "", Phone = body.Phone ?? "",
            Im = body.Im ?? "", Qq = body.Qq ?? "", Role = body.Role ?? 0,
        };
        PeopleRules.Name(user.Name, "name", "user");
        if (body.Password is not null)
        {
            PeopleRules.Password(body.Password, "password");
        }

        if (user.Role == PeopleRequests.RoleRoot && await CallerRoleAsync(caller, context) < PeopleRequests.RoleRoot)
        {
            return ConsoleResults.Invalid("role", "only root gives the root role");
        }

        var (json, _) = await saver.SaveAsync(users, user.Name, "create", caller, async (connection, transaction) =>
        {
            if (await UicPeople.UserIdAsync(connection, transaction, user.Name, context.RequestAborted) is not null)
            {
                throw new ConfigValidationException("name", $"a user named '{user.Name}' exists");
            }

            await users.WriteAsync(connection, transaction, user.Name, UserKind.Serialize(user), caller.Name, context.RequestAborted);
            if (body.Password is not null)
            {
                var id = await UicPeople.UserIdAsync(connection, transaction, user.Name, context.RequestAborted) ?? 0;
                await UicPeople.SetPasswordAsync(connection, transaction, id, PasswordHash.Hash(options.Value.PasswordSalt, body.Password), context.RequestAborted);
            }
        }, context.RequestAborted);
        return Results.Text(json, "application/json", statusCode: StatusCodes.Status201Created);
    }

    public async Task<IResult> GetAsync(HttpContext context, ConsoleCaller caller) => await ItemAsync(PeopleRequests.RouteName(context), context);

    public async Task<IResult> UpdateAsync(HttpContext context, ConsoleCaller caller)
    {
        var (body, error) = await ConfigRequests.BodyAsync(context, PeopleJsonContext.Default.UserRequest, Shape);
        return body is null ? error! : await UpdateAsync(context, caller, PeopleRequests.RouteName(context), body, contactOnly: !caller.IsAdmin);
    }

    public async Task<IResult> DeleteAsync(HttpContext context, ConsoleCaller caller)
    {
        var name = PeopleRequests.RouteName(context);
        if (!caller.IsAdmin)
        {
            return ConsoleResults.Message(StatusCodes.Status403Forbidden, "users are deleted by admins (uic role admin or root)");
        }

        await using var connection = await databases.Uic.OpenConnectionAsync(context.RequestAborted);
        if (await UicPeople.FindUserAsync(connection, null, name, context.RequestAborted) is not { } found)
        {
            return ConsoleResults.Message(StatusCodes.Status404NotFound, $"no user '{name}'");
        }

        if (!caller.ViaToken && found.Id == caller.UserId)
        {
            return ConsoleResults.Message(StatusCodes.Status400BadRequest, "you cannot delete yourself: ask another admin");
        }

        if (found.User.Role == PeopleRequests.RoleRoot && await PeopleRequests.RoleAsync(connection, caller, context.RequestAborted) < PeopleRequests.RoleRoot)
        {
            return ConsoleResults.Message(StatusCodes.Status403Forbidden, $"'{found.User.Name}' is root: only root deletes root");
        }

        await saver.PutAsync(users, found.User.Name, null, "delete", caller, context.RequestAborted);
        return ConsoleResults.Message(StatusCodes.Status200OK, $"user '{found.User.Name}' deleted, with their team memberships and sessions");
    }

    public async Task<IResult> MeAsync(HttpContext context, ConsoleCaller caller) =>
        caller.ViaToken ? NobodyResult() : await ItemAsync(caller.Name, context);

    public async Task<IResult> UpdateMeAsync(HttpContext context, ConsoleCaller caller)
    {
        if (caller.ViaToken)
        {
            return NobodyResult();
        }

        var (body, error) = await ConfigRequests.BodyAsync(context, PeopleJsonContext.Default.UserRequest, Shape);
        return body is null ? error! : await UpdateAsync(context, caller, caller.Name, body, contactOnly: true);
    }

    private static IResult NobodyResult() =>
        ConsoleResults.Message(StatusCodes.Status400BadRequest, "the admin token is nobody: /api/me is for a signed-in person");

    private async Task<int> CallerRoleAsync(ConsoleCaller caller, HttpContext context)
    {
        await using var connection = await databases.Uic.OpenConnectionAsync(context.RequestAborted);
        return await PeopleRequests.RoleAsync(connection, caller, context.RequestAborted);
    }

    private async Task<IResult> ItemAsync(string name, HttpContext context)
    {
        await using var connection = await databases.Uic.OpenConnectionAsync(context.RequestAborted);
        if (await UicPeople.FindUserAsync(connection, null, name, context.RequestAborted) is not { } found)
        {
            return ConsoleResults.Message(StatusCodes.Status404NotFound, $"no user '{name}'");
        }

        var teams = await UicPeople.TeamsByUserAsync(connection, context.RequestAborted);
        return Results.Json(Item(found.User, found.Passwd, teams.GetValueOrDefault(found.Id) ?? []), PeopleJsonContext.Default.UserListItem);
    }

    private static UserListItem Item(UserObject user, string passwd, List<string> teams) => new()
    {
        Name = user.Name, Cnname = user.Cnname, Email = user.Email, Phone = user.Phone, Im = user.Im, Qq = user.Qq, Role = user.Role,
        Teams = teams, LocalPassword = passwd.Length > 0,
    };
}
