using Falcon.Shared.Portal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace Falcon.Roles.Alarm.Search;

/// <summary>
/// Maps team names to the alarm cases they may see: action.uic (team names, comma-separated) → the action's
/// templates (tpl.action_id) and expressions (expression.action_id). Read from falcon_portal on its own connection, never
/// joined to the alarms database (the two may be on different servers), and reused for alarm.search.visibilityCacheTtl.
/// When a reload fails the last good map is kept; with none yet the error goes to the caller.
/// </summary>
internal sealed class ActionVisibility(FalconDatabases databases, IOptions<AlarmSearchOptions> options, TimeProvider timeProvider, ILogger<ActionVisibility> logger)
    : IDisposable
{
    private readonly SemaphoreSlim _loadLock = new(1, 1);
    private Snapshot? _snapshot;

    /// <summary>The cases the caller may see.</summary>
    public async Task<VisibleAlarms> VisibleToAsync(AlarmCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.SeesAll)
        {
            return VisibleAlarms.Everything;
        }

        if (caller.Teams.Count == 0)
        {
            return new VisibleAlarms(false, [], []);
        }

        var snapshot = await CurrentAsync(cancellationToken);
        var teams = new HashSet<string>(caller.Teams, StringComparer.OrdinalIgnoreCase);
        var actions = snapshot.ActionTeams.Where(a => a.Value.Any(teams.Contains)).Select(a => a.Key).ToHashSet();
        return new VisibleAlarms(
            false,
            [.. snapshot.TemplateActions.Where(t => actions.Contains(t.Value)).Select(t => t.Key).Order()],
            [.. snapshot.ExpressionActions.Where(e => actions.Contains(e.Value)).Select(e => e.Key).Order()]);
    }

    /// <summary>The action of a case, as the portal says now: the expression's, else the template's; 0 when unknown.</summary>
    public async Task<Func<long, long, long>> ActionResolverAsync(CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken);
        return (templateId, expressionId) => expressionId > 0
            ? snapshot.ExpressionActions.GetValueOrDefault(expressionId)
            : snapshot.TemplateActions.GetValueOrDefault(templateId);
    }

    public void Dispose() => _loadLock.Dispose();

    private async Task<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var current = _snapshot;
        if (current is not null && timeProvider.GetUtcNow() < current.UseUntil)
        {
            return current;
        }

        await _loadLock.WaitAsync(cancellationToken);
        try
        {
            current = _snapshot;
            if (current is not null && timeProvider.GetUtcNow() < current.UseUntil)
            {
                return current;
            }

            try
            {
                var loaded = await LoadAsync(cancellationToken);
                _snapshot = loaded;
                return loaded;
            }
            catch (Exception e) when (current is not null && (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
            {
                SearchLog.VisibilityReloadFailed(logger, current.LoadedAt, e.Message);
                // Try again after a short pause rather than on every request while the portal is down.
                _snapshot = current with { UseUntil = timeProvider.GetUtcNow() + TimeSpan.FromSeconds(5) };
                return current;
            }
        }
        finally
        {
            _loadLock.Release();
        }
    }

    private async Task<Snapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var actionTeams = new Dictionary<long, string[]>();
        var templates = new Dictionary<long, long>();
        var expressions = new Dictionary<long, long>();
        await using (var portal = await databases.Portal.OpenConnectionAsync(cancellationToken))
        {
            await using (var command = new MySqlCommand("SELECT id, uic FROM action", portal))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    actionTeams[Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)] =
                        reader.GetString(1).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                }
            }

            await ReadPairsAsync(portal, "SELECT id, action_id FROM tpl WHERE action_id > 0", templates, cancellationToken);
            await ReadPairsAsync(portal, "SELECT id, action_id FROM expression WHERE action_id > 0", expressions, cancellationToken);
        }

        var now = timeProvider.GetUtcNow();
        SearchLog.VisibilityLoaded(logger, actionTeams.Count, templates.Count, expressions.Count);
        return new Snapshot(actionTeams, templates, expressions, now, now + options.Value.VisibilityCacheTtl);
    }

    private static async Task ReadPairsAsync(MySqlConnection connection, string sql, Dictionary<long, long> into, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            into[Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)] =
                Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private sealed record Snapshot(
        Dictionary<long, string[]> ActionTeams,
        Dictionary<long, long> TemplateActions,
        Dictionary<long, long> ExpressionActions,
        DateTimeOffset LoadedAt,
        DateTimeOffset UseUntil);
}
