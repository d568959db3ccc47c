using Falcon.Roles.Console.Auth;
using Falcon.Shared.Portal.Audit;
using Microsoft.AspNetCore.Http;

namespace Falcon.Roles.Console.Config.People;

/// <summary>Editing a user and setting a password.</summary>
internal sealed partial class UserEndpoints
{
    public async Task<IResult> PasswordAsync(HttpContext context, ConsoleCaller caller)
    {
        var name = PeopleRequests.RouteName(context);
        var (body, error) = await ConfigRequests.BodyAsync(context, PeopleJsonContext.Default.PasswordRequest, "{\"old\",\"password\"}");
        if (body is null)
        {
            return error!;
        }

        await using var connection = await databases.Uic.OpenConnectionAsync(context.RequestAborted);
        if (await UicPeople.FindUserAsync(connection, null, name, context.RequestAborted) is not { } found)
        {
            return ConsoleResults.Message(StatusCodes.Status404NotFound, $"no user '{name}'");
        }

        var self = !caller.ViaToken && found.Id == caller.UserId;
        if (!self && !caller.IsAdmin)
        {
            return ConsoleResults.Message(StatusCodes.Status403Forbidden, "you may set only your own password");
        }

        if (!self && found.User.Role == PeopleRequests.RoleRoot && await PeopleRequests.RoleAsync(connection, caller, context.RequestAborted) < PeopleRequests.RoleRoot)
        {
            return ConsoleResults.Message(StatusCodes.Status403Forbidden, $"'{found.User.Name}' is root: only root sets root's password");
        }

        PeopleRules.Password(body.Password, "password");
        if (self)
        {
            // The person proves they know the old one (a session left open must not be enough), with the sign-in throttle.
            if (found.Passwd.Length == 0)
            {
                return ConsoleResults.Invalid("old", "you have no console password (you sign in through LDAP, whose password is changed there); an admin can set one");
            }

            var address = proxies.ClientAddress(context);
            if (await throttle.BlockedForAsync(found.User.Name, address, context.RequestAborted) is { } wait)
            {
                return ConsoleResults.Message(StatusCodes.Status429TooManyRequests, $"too many wrong passwords: try again in {Math.Ceiling(wait.TotalMinutes)} min");
            }

            if (!PasswordHash.Matches(options.Value.PasswordSalt, body.Old ?? "", found.Passwd))
            {
                await throttle.FailedAsync(found.User.Name, address, context.RequestAborted);
                return ConsoleResults.Invalid("old", "the old password is wrong");
            }
        }

        await using (var transaction = await connection.BeginTransactionAsync(context.RequestAborted))
        {
            await UicPeople.SetPasswordAsync(connection, transaction, found.Id, PasswordHash.Hash(options.Value.PasswordSalt, body.Password!), context.RequestAborted);
            // Whoever held a session with the old password is signed out; the person's own session stays.
            await UicPeople.EndSessionsAsync(connection, transaction, found.Id, self ? caller.Sig : "", context.RequestAborted);
            var json = UserKind.Serialize(found.User);
            var entry = new AuditEntry(caller.Name, "password", UserKind.KindName, found.User.Name, json, json, self ? "changed their password" : "set the password");
            await AuditLog.WriteAsync(connection, transaction, entry, timeProvider.GetUtcNow(), context.RequestAborted);
            await transaction.CommitAsync(context.RequestAborted);
        }

        return ConsoleResults.Message(StatusCodes.Status200OK, $"password of '{found.User.Name}' set; their other sessions are signed out");
    }

    private async Task<IResult> UpdateAsync(HttpContext context, ConsoleCaller caller, string name, UserRequest body, bool contactOnly)
    {
        await using var connection = await databases.Uic.OpenConnectionAsync(context.RequestAborted);
        if (await UicPeople.FindUserAsync(connection, null, name, context.RequestAborted) is not { } found)
        {
            return ConsoleResults.Message(StatusCodes.Status404NotFound, $"no user '{name}'");
        }

        var self = !caller.ViaToken && found.Id == caller.UserId;
        if (!self && !caller.IsAdmin)
        {
            return ConsoleResults.Message(StatusCodes.Status403Forbidden, "you may change only your own contact details (/api/me); admins change other users");
        }

        if (body.Password is not null)
        {
            return ConsoleResults.Invalid("password", $"passwords are set with PUT /api/users/{found.User.Name}/password");
        }

        var current = found.User;
        var wanted = new UserObject
        {
            Name = current.Name, Cnname = body.Cnname ?? current.Cnname, Email = body.Email ?? current.Email, Phone = body.Phone ?? current.Phone,
            Im = body.Im ?? current.Im, Qq = body.Qq ?? current.Qq, Role = body.Role ?? current.Role,
        };
        if (body.Name is not null && !string.Equals(body.Name.Trim(), current.Name, StringComparison.OrdinalIgnoreCase))
        {
            return ConsoleResults.Invalid("name", "a user is not renamed: people sign in, and silences and alarms find them, by this name");
        }

        if (wanted.Role != current.Role)
        {
            if (contactOnly)
            {
                return ConsoleResults.Invalid("role", "roles are changed by admins; you may change your contact details");
            }

            if ((wanted.Role == PeopleRequests.RoleRoot || current.Role == PeopleRequests.RoleRoot)
                && await PeopleRequests.RoleAsync(connection, caller, context.RequestAborted) < PeopleRequests.RoleRoot)
            {
                return ConsoleResults.Invalid("role", "only root gives or takes the root role");
            }
        }
        else if (!self && current.Role == PeopleRequests.RoleRoot && await PeopleRequests.RoleAsync(connection, caller, context.RequestAborted) < PeopleRequests.RoleRoot)
        {
            return ConsoleResults.Message(StatusCodes.Status403Forbidden, $"'{current.Name}' is root: only root changes root's details");
        }

        var (json, _) = await saver.PutAsync(users, current.Name, UserKind.Serialize(wanted), "update", caller, context.RequestAborted);
        return Results.Text(json, "application/json");
    }
}
