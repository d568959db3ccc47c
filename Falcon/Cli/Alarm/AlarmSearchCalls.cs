using Falcon.Cli.Http;
using Falcon.Roles.Alarm.Search;

namespace Falcon.Cli.Alarm;

/// <summary>`falcon alarm search`'s call to the alarm's `GET /api/alarms`.</summary>
internal static class AlarmSearchCalls
{
    /// <summary>The page, and the raw JSON body as the alarm sent it (for --json).</summary>
    public static async Task<(AlarmSearchPage Page, string Body)> SearchAsync(this RoleApiClient client, string queryString, CancellationToken cancellationToken)
    {
        var (page, body) = await client.SendAsync(HttpMethod.Get, "api/alarms" + queryString, null, AlarmSearchJsonContext.Default.AlarmSearchPage, cancellationToken);
        return (page ?? throw client.NotAReply(body, null), body);
    }
}
