using System.Globalization;
using Falcon.Roles.Console.Auth;
using Falcon.Shared.Portal;
using Microsoft.AspNetCore.Http;
using MySqlConnector;

namespace Falcon.Roles.Console.Config.Groups;

/// <summary>
/// Maintenance windows of hosts: `PUT`/`DELETE /api/hosts/{host}/maintenance` and `GET /api/maintenance`. Any signed-in
/// person may set one (as with silences, the person on call needs it at once); every change is audited.
/// </summary>
internal sealed class MaintenanceEndpoints(FalconDatabases databases, ConfigSaver saver, HostKind kind, TimeProvider timeProvider)
{
    /// <summary>A longer window is almost surely a typo, and would hide a host's alarms for good.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(30);

    public async Task<IResult> SetAsync(HttpContext context, ConsoleCaller caller)
    {
        var host = JsonBody.Route(context, "host");
        var (request, refusal) = await JsonBody.ReadAsync(context, GroupsJsonContext.Default.MaintenanceRequest, "{\"begin\":<unix seconds>,\"end\":<unix seconds>}");
        if (refusal is not null)
        {
            return refusal;
        }

        var now = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        var begin = request!.Begin ?? throw new ConfigValidationException("begin", "give the window's beginning as unix seconds");
        var end = request.End ?? throw new ConfigValidationException("end", "give the window's end as unix seconds");
        if (begin < 0 || begin > uint.MaxValue)
        {
            throw new ConfigValidationException("begin", "the beginning is not a unix time in seconds");
        }

        if (end <= begin)
        {
            throw new ConfigValidationException("end", "the window must end after it begins");
        }

        if (end <= now)
        {
            throw new ConfigValidationException("end", "the window has already ended: its end must be in the future");
        }

        if (end - begin > (long)MaxWindow.TotalSeconds)
        {
            throw new ConfigValidationException("end", $"a maintenance window lasts at most {MaxWindow.TotalDays:0} days; this one lasts {(end - begin) / 86400.0:0.#} days");
        }

        return await SaveAsync(context, caller, host, new HostDocument { Name = host, MaintainBegin = begin, MaintainEnd = end }, "maintenance",
            $"maintenance {DateTimeOffset.FromUnixTimeSeconds(begin):u} to {DateTimeOffset.FromUnixTimeSeconds(end):u}");
    }

    public Task<IResult> ClearAsync(HttpContext context, ConsoleCaller caller)
    {
        var host = JsonBody.Route(context, "host");
        return SaveAsync(context, caller, host, new HostDocument { Name = host }, "maintenance", "maintenance cleared");
    }

    public async Task<IResult> ListAsync(HttpContext context, ConsoleCaller caller)
    {
        var now = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        var list = new List<MaintenanceEntry>();
        await using var connection = await databases.Portal.OpenConnectionAsync(context.RequestAborted);
        await using var command = new MySqlCommand("SELECT hostname, maintain_begin, maintain_end FROM host WHERE maintain_end >= @now AND maintain_end > 0 ORDER BY maintain_end, hostname", connection);
        command.Parameters.AddWithValue("@now", now);
        await using var reader = await command.ExecuteReaderAsync(context.RequestAborted);
        while (await reader.ReadAsync(context.RequestAborted))
        {
            var begin = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
            list.Add(new MaintenanceEntry { Name = reader.GetString(0), MaintainBegin = begin, MaintainEnd = Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture), Active = begin <= now });
        }

        return Results.Json(list, GroupsJsonContext.Default.ListMaintenanceEntry);
    }

    private async Task<IResult> SaveAsync(HttpContext context, ConsoleCaller caller, string host, HostDocument document, string action, string summary)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(document, GroupsJsonContext.Default.HostDocument);
        return await Refusals.RunAsync(async () =>
        {
            var (saved, _) = await saver.SaveAsync(kind, host, action, caller, async (connection, transaction) =>
            {
                if (await kind.ReadDocumentAsync(connection, transaction, host, context.RequestAborted) is null)
                {
                    throw ConsoleRefusal.NotFound($"no host named '{host}'");
                }

                await kind.WriteAsync(connection, transaction, host, json, caller.Name, context.RequestAborted);
            }, context.RequestAborted, summary: summary);
            return JsonBody.Json(saved!);
        });
    }
}
