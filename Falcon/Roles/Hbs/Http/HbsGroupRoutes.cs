using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Falcon.Roles.Hbs.Http;

/// <summary>
/// `GET /hostgroup/id/{id}/hosts`: a group's members by id, each with its maintenance window, for the aggregator's
/// `cluster` rows (they name a grp_id, and hosts in maintenance are left out of their aggregates).
/// </summary>
internal static class HbsGroupRoutes
{
    public static void MapGroupByIdRoute(this IEndpointRouteBuilder endpoints, HbsConfig config)
    {
        var json = HbsHttpJsonContext.Default.HbsDataResponseIReadOnlyListGroupMember;
        endpoints.MapGet("/hostgroup/id/{id}/hosts", (string id) =>
        {
            if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var groupId))
            {
                return Results.Json(new HbsDataResponse<IReadOnlyList<GroupMember>> { Msg = $"group id '{id}' is not a number" }, json, statusCode: StatusCodes.Status400BadRequest);
            }

            if (!config.TryGetView(out var view))
            {
                return Results.Text("hbs configuration not loaded yet (MySQL and the Redis snapshot are unreachable)", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            return view.GetHostRowsOfGroup(groupId) is { } rows
                ? Results.Json(new HbsDataResponse<IReadOnlyList<GroupMember>> { Data = [.. rows.Select(static r => new GroupMember(r.Hostname, r.MaintainBegin, r.MaintainEnd))] }, json)
                : Results.Json(new HbsDataResponse<IReadOnlyList<GroupMember>> { Msg = $"host group {groupId} not found" }, json, statusCode: StatusCodes.Status404NotFound);
        });
    }
}
