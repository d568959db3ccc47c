using MySqlConnector;

namespace Falcon.Roles.Console.Config.Rules;

internal sealed partial class TemplateKind
{
    /// <summary>
    /// Makes the template's strategies equal <paramref name="wanted"/> while keeping ids: a row equal to a wanted
    /// strategy stays untouched, then rows of the same metric and tags are updated in place, then the remaining rows in
    /// id order; only what is left over is deleted or inserted.
    /// </summary>
    private static async Task SyncStrategiesAsync(MySqlConnection connection, MySqlTransaction transaction, long templateId, List<StrategyDocument> wanted, CancellationToken cancellationToken)
    {
        var existing = (await StrategiesAsync(connection, transaction, templateId, cancellationToken)).OrderBy(static s => s.Id).ToList();
        var pending = wanted.ToList();
        Pair(existing, pending, static (row, want) => row.SameContent(want), update: false);
        var updates = new List<(long Id, StrategyDocument Want)>();
        updates.AddRange(Pair(existing, pending, static (row, want) => row.Metric == want.Metric && row.Tags == want.Tags, update: true));
        updates.AddRange(Pair(existing, pending, static (_, _) => true, update: true));
        foreach (var (id, want) in updates)
        {
            await WriteStrategyAsync(connection, transaction, templateId, id, want, cancellationToken);
        }

        foreach (var row in existing)
        {
            await RulesSql.ExecuteAsync(connection, transaction, "DELETE FROM strategy WHERE id = @id", cancellationToken, ("@id", row.Id));
        }

        foreach (var want in pending)
        {
            await WriteStrategyAsync(connection, transaction, templateId, null, want, cancellationToken);
        }
    }

    /// <summary>Inserts (<paramref name="id"/> null) or updates one strategy row of the template; answers its id.</summary>
    public static async Task<long> WriteStrategyAsync(MySqlConnection connection, MySqlTransaction transaction, long templateId, long? id, StrategyDocument s, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(s);
        (string, object?)[] values =
        [
            ("@metric", s.Metric), ("@tags", s.Tags), ("@max", s.MaxStep), ("@priority", s.Priority), ("@func", s.Func), ("@op", s.Op),
            ("@right", s.RightValue), ("@note", s.Note), ("@begin", s.RunBegin), ("@end", s.RunEnd), ("@tpl", templateId), ("@id", id),
        ];
        if (id is null)
        {
            return await RulesSql.InsertAsync(connection, transaction,
                "INSERT INTO strategy (metric, tags, max_step, priority, func, op, right_value, note, run_begin, run_end, tpl_id) VALUES (@metric, @tags, @max, @priority, @func, @op, @right, @note, @begin, @end, @tpl)",
                cancellationToken, values);
        }

        await RulesSql.ExecuteAsync(connection, transaction,
            "UPDATE strategy SET metric = @metric, tags = @tags, max_step = @max, priority = @priority, func = @func, op = @op, right_value = @right, note = @note, run_begin = @begin, run_end = @end WHERE id = @id AND tpl_id = @tpl",
            cancellationToken, values);
        return id.Value;
    }

    // Pairs each pending strategy with the first remaining row that matches, removing both from their lists.
    private static List<(long Id, StrategyDocument Want)> Pair(List<StrategyDocument> rows, List<StrategyDocument> pending, Func<StrategyDocument, StrategyDocument, bool> matches, bool update)
    {
        var paired = new List<(long, StrategyDocument)>();
        for (var i = 0; i < pending.Count;)
        {
            var index = rows.FindIndex(row => matches(row, pending[i]));
            if (index < 0)
            {
                i++;
                continue;
            }

            if (update)
            {
                paired.Add((rows[index].Id!.Value, pending[i]));
            }

            rows.RemoveAt(index);
            pending.RemoveAt(i);
        }

        return paired;
    }
}
