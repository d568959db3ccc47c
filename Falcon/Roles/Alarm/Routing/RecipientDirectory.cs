using System.Collections.Concurrent;
using System.Globalization;
using Falcon.Roles.Alarm.Consumption;
using Falcon.Shared.Portal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace Falcon.Roles.Alarm.Routing;

/// <summary>
/// Looks up who an action reaches: the action row (falcon_portal.action), the users of its teams (uic), its IM group
/// chats (falcon_portal.action_im_group), its channel switches and escalation steps (Falcon's tables), cached per action. When MySQL fails the last good answer is kept
/// (the fork cached the failure as "no one" for 30 min); with no answer yet the lookup throws, so the event waits and
/// is retried instead of reaching no one.
/// </summary>
internal sealed partial class RecipientDirectory(FalconDatabases databases, IOptions<RoutingOptions> options, TimeProvider timeProvider, ILogger<RecipientDirectory> logger)
    : IDisposable
{
    private readonly ConcurrentDictionary<long, Entry> _cache = new();
    private readonly SemaphoreSlim _loadLock = new(1, 1);
    private readonly RoutingOptions _options = options.Value;

    // Counts ExpireAll calls: an answer loaded while the configuration changed is stored as stale already.
    private long _generation;

    /// <summary>
    /// The action's route, or null when the action does not exist. <paramref name="fresh"/> asks MySQL even when the
    /// cached answer is recent (a dry run right after a save must show the saved recipients); the answer is cached.
    /// </summary>
    public async Task<ActionRoute?> GetAsync(long actionId, CancellationToken cancellationToken, bool fresh = false)
    {
        if (!fresh && _cache.TryGetValue(actionId, out var cached) && timeProvider.GetUtcNow() < cached.UseUntil)
        {
            return cached.Route;
        }

        // One lookup at a time: when a storm of events hits an expired action, the first loads it and the rest find it fresh.
        await _loadLock.WaitAsync(cancellationToken);
        try
        {
            if (_cache.TryGetValue(actionId, out cached) && timeProvider.GetUtcNow() < cached.UseUntil && !fresh)
            {
                return cached.Route;
            }

            try
            {
                var generation = Interlocked.Read(ref _generation);
                var route = await LoadAsync(actionId, cancellationToken);
                var now = timeProvider.GetUtcNow();
                var useUntil = Interlocked.Read(ref _generation) == generation ? now + _options.CacheTtl : DateTimeOffset.MinValue;
                _cache[actionId] = new Entry(route, now, useUntil);
                return route;
            }
            catch (Exception e) when (cached is not null && (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
            {
                ConsumptionLog.RouteLookupFailed(logger, actionId, cached!.LoadedAt, e.Message);
                _cache[actionId] = cached with { UseUntil = timeProvider.GetUtcNow() + _options.RetryAfterFailure };
                return cached.Route;
            }
        }
        finally
        {
            _loadLock.Release();
        }
    }

    private async Task<ActionRoute?> LoadAsync(long actionId, CancellationToken cancellationToken)
    {
        string uic;
        ActionRoute route;
        IReadOnlyList<(int Step, int AfterMinutes, string Uic)> steps;
        await using (var portal = await databases.Portal.OpenConnectionAsync(cancellationToken))
        {
            await using var command = new MySqlCommand(
                "SELECT uic, url, callback, before_callback_sms, before_callback_mail, after_callback_sms, after_callback_mail FROM action WHERE id = @id",
                portal);
            command.Parameters.AddWithValue("@id", actionId);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return null;
                }

                uic = reader.GetString(0);
                route = new ActionRoute(
                    actionId, reader.GetString(1), reader.GetInt32(2) == 1, reader.GetInt32(3) == 1, reader.GetInt32(4) == 1,
                    reader.GetInt32(5) == 1, reader.GetInt32(6) == 1, [], []);
            }

            route = route with
            {
                Groups = await GroupsAsync(portal, actionId, cancellationToken),
                Channels = await ChannelsAsync(portal, actionId, cancellationToken),
            };
            steps = await EscalationRowsAsync(portal, actionId, cancellationToken);
        }

        var teams = Teams(uic);
        route = route with { Teams = teams, Users = teams.Length == 0 ? [] : await UsersAsync(teams, cancellationToken) };
        return steps.Count == 0 ? route : route with { Escalations = await EscalationsAsync(steps, cancellationToken) };
    }

    private static string[] Teams(string uic) =>
        uic.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToArray();

    private static async Task<IReadOnlyList<string>> GroupsAsync(MySqlConnection portal, long actionId, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SELECT chat FROM action_im_group WHERE action_id = @id ORDER BY id", portal);
        command.Parameters.AddWithValue("@id", actionId);
        var groups = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var chat = reader.GetString(0).Trim();
            if (chat.Length > 0 && !groups.Contains(chat, StringComparer.Ordinal))
            {
                groups.Add(chat);
            }
        }

        return groups;
    }

    private async Task<IReadOnlyList<AlarmUser>> UsersAsync(string[] teams, CancellationToken cancellationToken)
    {
        await using var connection = await databases.Uic.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var names = new string[teams.Length];
        for (var i = 0; i < teams.Length; i++)
        {
            names[i] = "@t" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(names[i], teams[i]);
        }

        command.CommandText = $"""
            SELECT u.name, u.phone, u.email, u.im FROM team t
            JOIN rel_team_user r ON r.tid = t.id JOIN `user` u ON u.id = r.uid
            WHERE t.name IN ({string.Join(',', names)}) ORDER BY u.id
            """;
        var users = new List<AlarmUser>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var user = new AlarmUser(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
            if (seen.Add(user.Name))
            {
                users.Add(user);
            }
        }

        return users;
    }

    /// <summary>
    /// Makes every cached answer stale (the configuration changed), so the next event of each action looks it up again;
    /// an answer being loaded meanwhile may predate the change and is stored stale too. The answers stay as the
    /// fallback for a lookup that fails.
    /// </summary>
    public void ExpireAll()
    {
        Interlocked.Increment(ref _generation);
        foreach (var (actionId, entry) in _cache)
        {
            _cache.TryUpdate(actionId, entry with { UseUntil = DateTimeOffset.MinValue }, entry);
        }
    }

    public void Dispose() => _loadLock.Dispose();

    private sealed record Entry(ActionRoute? Route, DateTimeOffset LoadedAt, DateTimeOffset UseUntil);
}
