using System.Globalization;
using Falcon.Shared.Model;
using Falcon.Shared.Model.Events;
using Falcon.Shared.Model.Strategies;
using Falcon.Shared.Portal;
using MySqlConnector;

namespace Falcon.Roles.Alarm.DryRun;

/// <summary>
/// Builds, from falcon_portal, the PROBLEM event judge would send for a strategy (or an expression) on an endpoint: the
/// id judge gives it (s_&lt;id&gt;_md5(endpoint/metric/tags)), the strategy's priority, and the template hbs would hand
/// the strategy with, whose action routes the alarm. hbs gives a strategy the youngest template of the bound chain
/// that holds it (the template bound to the endpoint's group, or the child of the strategy's template that is), so
/// its action, not necessarily the strategy's own template's, is the one used.
/// </summary>
internal sealed partial class DryRunEventSource(FalconDatabases databases, TimeProvider timeProvider)
{
    // hbs stops walking parents at this depth (a loop, or a chain too deep) and drops the chain.
    private const int MaxChainDepth = 10;

    /// <summary>The event, or null when there is no such strategy.</summary>
    public async Task<DryRunSubject?> ForStrategyAsync(long strategyId, string endpoint, CancellationToken cancellationToken)
    {
        await using var portal = await databases.Portal.OpenConnectionAsync(cancellationToken);
        StrategyRow? row = null;
        await using (var command = new MySqlCommand(
            "SELECT metric, tags, func, op, right_value, max_step, priority, note, tpl_id, run_begin, run_end FROM strategy WHERE id = @id", portal))
        {
            command.Parameters.AddWithValue("@id", strategyId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                row = new StrategyRow(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    Int(reader, 5), Int(reader, 6), reader.GetString(7), Long(reader, 8), reader.GetString(9), reader.GetString(10));
            }
        }

        if (row is null)
        {
            return null;
        }

        var notes = new List<string>();
        var templates = await TemplatesAsync(portal, cancellationToken);
        var bound = await BoundTemplatesAsync(portal, endpoint, cancellationToken);
        var chain = ServedChain(row.TemplateId, bound, templates);
        var template = chain is null ? null : templates[chain[^1]];
        if (chain is not null)
        {
            await OverriddenAsync(portal, row, chain, templates, endpoint, notes, cancellationToken);
        }
        else
        {
            template = templates.GetValueOrDefault(row.TemplateId);
            notes.Add(bound.Count == 0
                ? $"{endpoint} is in no host group with a template bound: judge would not raise this event for it; routed as if through the strategy's own template"
                : $"no template bound to {endpoint}'s host groups holds this strategy (or inherits it): judge would not raise this event for it; routed as if through the strategy's own template");
        }

        if (template is null)
        {
            notes.Add($"the strategy's template {row.TemplateId} does not exist: hbs drops the strategy, and no alarm would be raised");
        }
        else if (template.ActionId <= 0)
        {
            notes.Add($"template {template.Name} has no action: judge's events for it reach no one");
        }

        if (!double.TryParse(row.RightValue, NumberStyles.Float, CultureInfo.InvariantCulture, out var right))
        {
            notes.Add($"the threshold '{row.RightValue}' is not a number: hbs drops the strategy");
        }

        // hbs hands judge only the strategies whose run window holds the current minute, in its local time.
        var minute = TimeZoneInfo.ConvertTime(timeProvider.GetUtcNow(), timeProvider.LocalTimeZone).ToString("HH:mm", CultureInfo.InvariantCulture);
        if (!RunWindow.IsActive(row.RunBegin, row.RunEnd, minute))
        {
            notes.Add($"the strategy runs only from {row.RunBegin} to {row.RunEnd} and it is {minute} now: hbs does not hand it to judge, so no alarm is raised now");
        }

        await MaintenanceAsync(portal, endpoint, notes, cancellationToken);
        var tags = TagSet.Parse(row.Tags);
        var strategy = new Strategy
        {
            Id = strategyId,
            Metric = row.Metric,
            Tags = tags,
            Func = row.Func,
            Operator = row.Operator,
            RightValue = right,
            MaxStep = row.MaxStep,
            Priority = row.Priority,
            Note = row.Note,
            Tpl = template,
        };
        var e = new JudgeEvent
        {
            Id = EventIds.ForStrategy(strategyId, SeriesKey.Md5Hex(endpoint, row.Metric, tags)),
            Strategy = strategy,
            Status = JudgeEventStatus.Problem,
            Endpoint = endpoint,
            LeftValue = right,
            CurrentStep = 1,
            EventTime = timeProvider.GetUtcNow().ToUnixTimeSeconds(),
            PushedTags = tags,
        };
        return new DryRunSubject(e, template?.Name ?? "", notes);
    }

    // The first chain (by bound template id, root first) that holds the strategy's template and is not inside another
    // chain; its youngest template is the one hbs serves the strategy with.
    private static long[]? ServedChain(long strategyTemplate, IReadOnlyList<long> bound, Dictionary<long, Template> templates)
    {
        var chains = bound.Select(id => Chain(id, templates)).Where(static c => c.Length > 0).ToList();
        for (var i = 0; i < chains.Count; i++)
        {
            var chain = chains[i];
            var inside = chains.Where((other, j) => j != i && chain.All(other.Contains)).Any();
            if (!inside && chain.Contains(strategyTemplate))
            {
                return chain;
            }
        }

        return null;
    }

    // hbs replaces a template's strategy by one of a younger template of the chain with the same metric and tags: then
    // judge never evaluates this strategy for the endpoint, and the test fire says so (run windows are not weighed).
    private static async Task OverriddenAsync(
        MySqlConnection portal, StrategyRow row, long[] chain, Dictionary<long, Template> templates, string endpoint, List<string> notes, CancellationToken cancellationToken)
    {
        var younger = chain.SkipWhile(id => id != row.TemplateId).Skip(1).ToArray();
        if (younger.Length == 0)
        {
            return;
        }

        var names = string.Join(", ", younger.Select(static (_, i) => "@t" + i.ToString(CultureInfo.InvariantCulture)));
        await using var command = new MySqlCommand($"SELECT id, tags, tpl_id FROM strategy WHERE metric = @metric AND tpl_id IN ({names}) ORDER BY id", portal);
        command.Parameters.AddWithValue("@metric", row.Metric);
        for (var i = 0; i < younger.Length; i++)
        {
            command.Parameters.AddWithValue("@t" + i.ToString(CultureInfo.InvariantCulture), younger[i]);
        }

        var tags = TagSet.Parse(row.Tags);
        (long Id, int Age)? replacing = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var age = Array.IndexOf(younger, Long(reader, 2));
            if (TagSet.Parse(reader.GetString(1)).Equals(tags) && (replacing is null || age > replacing.Value.Age))
            {
                replacing = (Long(reader, 0), age); // the youngest template's wins, as in hbs
            }
        }

        if (replacing is { } r)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"on {endpoint} strategy {r.Id} of template {templates[younger[r.Age]].Name} replaces this one (same metric and tags: a child template's strategy overrides its parent's), so judge raises that one, with its own condition, and never this"));
        }
    }

    private static long[] Chain(long templateId, Dictionary<long, Template> templates)
    {
        var chain = new List<long>();
        for (var id = templateId; id > 0 && templates.TryGetValue(id, out var template); id = template.ParentId)
        {
            chain.Add(id);
            if (chain.Count == MaxChainDepth)
            {
                return [];
            }
        }

        chain.Reverse();
        return [.. chain];
    }

    private static async Task<Dictionary<long, Template>> TemplatesAsync(MySqlConnection portal, CancellationToken cancellationToken)
    {
        var templates = new Dictionary<long, Template>();
        await using var command = new MySqlCommand("SELECT id, tpl_name, parent_id, action_id, create_user FROM tpl", portal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var template = new Template { Id = Long(reader, 0), Name = reader.GetString(1), ParentId = Long(reader, 2), ActionId = Long(reader, 3), Creator = reader.GetString(4) };
            templates[template.Id] = template;
        }

        return templates;
    }

    private static async Task<IReadOnlyList<long>> BoundTemplatesAsync(MySqlConnection portal, string endpoint, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("""
            SELECT DISTINCT gt.tpl_id FROM host h JOIN grp_host gh ON gh.host_id = h.id JOIN grp_tpl gt ON gt.grp_id = gh.grp_id
            WHERE h.hostname = @endpoint ORDER BY gt.tpl_id
            """, portal);
        command.Parameters.AddWithValue("@endpoint", endpoint);
        var bound = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            bound.Add(Long(reader, 0));
        }

        return bound;
    }

    private async Task MaintenanceAsync(MySqlConnection portal, string endpoint, List<string> notes, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SELECT maintain_begin, maintain_end FROM host WHERE hostname = @endpoint", portal);
        command.Parameters.AddWithValue("@endpoint", endpoint);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (await reader.ReadAsync(cancellationToken))
        {
            var now = timeProvider.GetUtcNow().ToUnixTimeSeconds();
            var (begin, end) = (Long(reader, 0), Long(reader, 1));
            if (begin <= now && now <= end)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{endpoint} is in maintenance until {DateTimeOffset.FromUnixTimeSeconds(end):yyyy-MM-dd HH:mm:ss}Z: hbs gives judge no strategies for it, so no alarm is raised now"));
            }
        }
    }

    private static int Int(MySqlDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static long Long(MySqlDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private sealed record StrategyRow(
        string Metric, string Tags, string Func, string Operator, string RightValue, int MaxStep, int Priority, string Note, long TemplateId,
        string RunBegin, string RunEnd);
}
