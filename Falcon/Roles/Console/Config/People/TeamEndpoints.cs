using Falcon.Roles.Console.Auth;
using Falcon.Shared.Portal;
using Microsoft.AspNetCore.Http;
using MySqlConnector;

namespace Falcon.Roles.Console.Config.People;

/// <summary>
/// `/api/teams`: any signed-in person creates a team (and is its creator); the creator or an admin edits its resume
/// and members or deletes it. Teams are not renamed, as actions name the teams they notify.
/// </summary>
internal sealed class TeamEndpoints(ConfigSaver saver, TeamKind teams, FalconDatabases databases)
{
    private const string Shape = "team JSON {\"name\",\"resume\",\"members\":[names]}";

    public async Task<IResult> ListAsync(HttpContext context, ConsoleCaller caller)
    {
        var (query, limit) = ConfigRequests.ListFilter(context);
        await using var connection = await databases.Uic.OpenConnectionAsync(context.RequestAborted);
        var list = new List<TeamObject>();
        foreach (var name in await teams.NamesAsync(connection, null, context.RequestAborted))
        {
            if (list.Count >= limit)
            {
                break;
            }

            if (await TeamKind.FindAsync(connection, null, name, context.RequestAborted) is { } found
                && PeopleRequests.Matches(query, [found.Team.Name, found.Team.Resume, .. found.Team.Members]))
            {
                list.Add(found.Team);
            }
        }

        return Results.Json(list, PeopleJsonContext.Default.ListTeamObject);
    }

    public async Task<IResult> GetAsync(HttpContext context, ConsoleCaller caller)
    {
        var name = PeopleRequests.RouteName(context);
        await using var connection = await databases.Uic.OpenConnectionAsync(context.RequestAborted);
        return await TeamKind.FindAsync(connection, null, name, context.RequestAborted) is { } found
            ? Results.Json(found.Team, PeopleJsonContext.Default.TeamObject)
            : ConsoleResults.Message(StatusCodes.Status404NotFound, $"no team '{name}'");
    }

    public async Task<IResult> CreateAsync(HttpContext context, ConsoleCaller caller)
    {
        var (body, error) = await ConfigRequests.BodyAsync(context, PeopleJsonContext.Default.TeamRequest, Shape);
        if (body is null)
        {
            return error!;
        }

        var team = new TeamObject { Name = (body.Name ?? "").Trim(), Resume = body.Resume ?? "", Creator = caller.ViaToken ? "" : caller.Name, Members = body.Members ?? [] };
        PeopleRules.Name(team.Name, "name", "team");
        var (json, _) = await saver.SaveAsync(teams, team.Name, "create", caller, async (connection, transaction) =>
        {
            if (await TeamKind.FindAsync(connection, transaction, team.Name, context.RequestAborted) is not null)
            {
                throw new ConfigValidationException("name", $"a team named '{team.Name}' exists");
            }

            await teams.WriteAsync(connection, transaction, team.Name, TeamKind.Serialize(team), caller.Name, context.RequestAborted);
        }, context.RequestAborted);
        return Results.Text(json, "application/json", statusCode: StatusCodes.Status201Created);
    }

    public async Task<IResult> UpdateAsync(HttpContext context, ConsoleCaller caller)
    {
        var (body, error) = await ConfigRequests.BodyAsync(context, PeopleJsonContext.Default.TeamRequest, Shape);
        if (body is null)
        {
            return error!;
        }

        var (found, refusal) = await EditableAsync(context, caller);
        if (found is null)
        {
            return refusal!;
        }

        if (body.Name is not null && !string.Equals(body.Name.Trim(), found.Name, StringComparison.OrdinalIgnoreCase))
        {
            return ConsoleResults.Invalid("name", "a team is not renamed: actions name the teams they notify; create the new team and move the members");
        }

        var wanted = new TeamObject { Name = found.Name, Resume = body.Resume ?? found.Resume, Creator = found.Creator, Members = body.Members ?? found.Members };
        var (json, _) = await saver.PutAsync(teams, found.Name, TeamKind.Serialize(wanted), "update", caller, context.RequestAborted);
        return Results.Text(json, "application/json");
    }

    public async Task<IResult> DeleteAsync(HttpContext context, ConsoleCaller caller)
    {
        var (found, refusal) = await EditableAsync(context, caller);
        if (found is null)
        {
            return refusal!;
        }

        await saver.PutAsync(teams, found.Name, null, "delete", caller, context.RequestAborted);
        return ConsoleResults.Message(StatusCodes.Status200OK, $"team '{found.Name}' deleted (actions that named it notify nobody of it now)");
    }

    // The team, when the caller is its creator or an admin.
    private async Task<(TeamObject? Team, IResult? Refusal)> EditableAsync(HttpContext context, ConsoleCaller caller)
    {
        var name = PeopleRequests.RouteName(context);
        await using MySqlConnection connection = await databases.Uic.OpenConnectionAsync(context.RequestAborted);
        if (await TeamKind.FindAsync(connection, null, name, context.RequestAborted) is not { } found)
        {
            return (null, ConsoleResults.Message(StatusCodes.Status404NotFound, $"no team '{name}'"));
        }

        if (!caller.IsAdmin && !(found.Team.Creator.Length > 0 && string.Equals(found.Team.Creator, caller.Name, StringComparison.OrdinalIgnoreCase)))
        {
            return (null, ConsoleResults.Message(StatusCodes.Status403Forbidden, $"team '{found.Team.Name}' is changed by its creator ({(found.Team.Creator.Length > 0 ? found.Team.Creator : "nobody")}) or an admin"));
        }

        return (found.Team, null);
    }
}
