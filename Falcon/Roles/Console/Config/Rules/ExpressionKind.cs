using Falcon.Shared.Model.Strategies;
using Falcon.Shared.Portal;
using MySqlConnector;

namespace Falcon.Roles.Console.Config.Rules;

/// <summary>
/// An expression with its action as one audited object, named by its text (`each(metric=cpu.idle endpoint=h1)`).
/// The text is checked as hbs parses it (<see cref="ExpressionText"/>), the function, operator and threshold as the
/// judge reads them; hbs serves only expressions with an action, so one is required.
/// </summary>
internal sealed class ExpressionKind(FalconDatabases databases, ActionStore actions) : IConfigKind
{
    public const string KindName = "expression";
    public const int ExpressionMax = 1024;

    private const string Columns = "id, expression, func, op, right_value, max_step, priority, note, pause, create_user, action_id";

    public string Kind => KindName;

    public FalconDatabaseKind Database => FalconDatabaseKind.Portal;

    public async Task<IReadOnlyList<string>> NamesAsync(MySqlConnection connection, MySqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var names = (await RulesSql.TextsAsync(connection, transaction, "SELECT expression FROM expression", cancellationToken)).Distinct(StringComparer.Ordinal).ToList();
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    public async Task<string?> ReadAsync(MySqlConnection connection, MySqlTransaction transaction, string name, CancellationToken cancellationToken)
    {
        var found = await FindAsync(connection, transaction, name, cancellationToken);
        if (found is null)
        {
            return null;
        }

        found.Value.Document.Id = null;
        return RulesJson.Serialize(found.Value.Document, RulesJson.Context.ExpressionDocument);
    }

    public async Task WriteAsync(MySqlConnection connection, MySqlTransaction transaction, string name, string? json, string actor, CancellationToken cancellationToken)
    {
        var found = await FindAsync(connection, transaction, name, cancellationToken);
        if (json is null)
        {
            if (found is not null)
            {
                await DeleteAsync(connection, transaction, found.Value.Document.Id!.Value, found.Value.ActionId, cancellationToken);
            }

            return;
        }

        var document = RulesJson.Parse(json, RulesJson.Context.ExpressionDocument, "expression");
        await CheckAsync(document, cancellationToken);
        if (!string.Equals(document.Expression, name, StringComparison.Ordinal))
        {
            throw new ConfigValidationException("expression", $"the JSON holds expression '{document.Expression}', not '{name}'");
        }

        await SaveAsync(connection, transaction, found?.Document.Id, document, actor, cancellationToken);
    }

    /// <summary>Checks and trims every field; the action's fields are named `action.teams`, ...</summary>
    public async Task CheckAsync(ExpressionDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var help = RulesHelp.Instance.Expression;
        document.Expression = RuleFields.CheckLength("expression", (document.Expression ?? "").Trim(), ExpressionMax, help);
        if (!ExpressionText.TryParse(document.Expression, out var metric, out var tags))
        {
            throw new ConfigValidationException("expression", $"expression '{document.Expression}' does not parse as hbs reads it (metric=<m> and at least one k=v inside the brackets, separated by spaces): {help}");
        }

        if (metric.Length == 0 || tags.Values.Any(static v => v.Length == 0) || tags.Keys.Any(static k => k.Length == 0))
        {
            throw new ConfigValidationException("expression", $"expression '{document.Expression}' has an empty key or value: {help}");
        }

        (document.Func, document.Op, document.RightValue) = RuleFields.CheckJudgement(document.Func, document.Op, document.RightValue, RuleFields.ExpressionRightValueMax);
        RuleFields.CheckMaxStepAndPriority(document.MaxStep, document.Priority);
        document.Note = RuleFields.CheckLength("note", document.Note ?? "", RuleFields.ExpressionNoteMax, RulesHelp.Instance.Note);
        if (document.Action is null)
        {
            throw new ConfigValidationException("action", "an expression without an action is never judged (hbs serves only expressions with one): name the teams to notify");
        }

        await actions.CheckAsync(document.Action, "action.", cancellationToken);
        await TextColumns.CheckAsync(databases.Portal, "expression", cancellationToken, ("expression", document.Expression), ("note", document.Note));
    }

    /// <summary>Every expression with its id, in text order.</summary>
    public static async Task<List<ExpressionDocument>> ListAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(connection, null, "", null, cancellationToken);
        var list = new List<ExpressionDocument>(rows.Count);
        foreach (var (document, actionId) in rows.OrderBy(static r => r.Document.Expression, StringComparer.Ordinal).ThenBy(static r => r.Document.Id))
        {
            document.Action = await ActionStore.ReadAsync(connection, null, actionId, cancellationToken);
            list.Add(document);
        }

        return list;
    }

    /// <summary>The expression with id <paramref name="id"/> (its action not read).</summary>
    public static async Task<ExpressionDocument?> FindByIdAsync(MySqlConnection connection, MySqlTransaction? transaction, long id, CancellationToken cancellationToken) =>
        (await RowsAsync(connection, transaction, "WHERE id = @v", id, cancellationToken)).Select(static r => r.Document).FirstOrDefault();

    /// <summary>The expression with this text (the lowest id when an older database holds it twice), with its action.</summary>
    public static async Task<(ExpressionDocument Document, long ActionId)?> FindAsync(MySqlConnection connection, MySqlTransaction? transaction, string text, CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(connection, transaction, "WHERE expression = @v ORDER BY id", text, cancellationToken);
        var match = rows.FirstOrDefault(r => string.Equals(r.Document.Expression, text, StringComparison.Ordinal));
        if (match.Document is null)
        {
            return null;
        }

        match.Document.Action = await ActionStore.ReadAsync(connection, transaction, match.ActionId, cancellationToken);
        return match;
    }

    /// <summary>Inserts (<paramref name="id"/> null) or updates the row and its action; answers the row's id.</summary>
    public static async Task<long> SaveAsync(MySqlConnection connection, MySqlTransaction transaction, long? id, ExpressionDocument document, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var current = id is null ? null : await RulesSql.NumberAsync(connection, transaction, "SELECT action_id FROM expression WHERE id = @id", cancellationToken, ("@id", id.Value));
        var actionId = await ActionStore.WriteAsync(connection, transaction, current ?? 0, document.Action, cancellationToken);
        var creator = document.Creator.Length > 0 ? document.Creator : actor;
        (string, object?)[] values =
        [
            ("@expression", document.Expression), ("@func", document.Func), ("@op", document.Op), ("@right", document.RightValue), ("@max", document.MaxStep),
            ("@priority", document.Priority), ("@note", document.Note), ("@pause", document.Pause ? 1 : 0), ("@creator", creator), ("@action", actionId), ("@id", id),
        ];
        if (id is null)
        {
            return await RulesSql.InsertAsync(connection, transaction,
                "INSERT INTO expression (expression, func, op, right_value, max_step, priority, note, pause, create_user, action_id) VALUES (@expression, @func, @op, @right, @max, @priority, @note, @pause, @creator, @action)",
                cancellationToken, values);
        }

        await RulesSql.ExecuteAsync(connection, transaction,
            "UPDATE expression SET expression = @expression, func = @func, op = @op, right_value = @right, max_step = @max, priority = @priority, note = @note, pause = @pause, create_user = @creator, action_id = @action WHERE id = @id",
            cancellationToken, values);
        return id.Value;
    }

    public static async Task DeleteAsync(MySqlConnection connection, MySqlTransaction transaction, long id, long actionId, CancellationToken cancellationToken)
    {
        await ActionStore.WriteAsync(connection, transaction, actionId, null, cancellationToken);
        await RulesSql.ExecuteAsync(connection, transaction, "DELETE FROM expression WHERE id = @id", cancellationToken, ("@id", id));
    }

    private static async Task<List<(ExpressionDocument Document, long ActionId)>> RowsAsync(MySqlConnection connection, MySqlTransaction? transaction, string where, object? value, CancellationToken cancellationToken)
    {
        var rows = new List<(ExpressionDocument, long)>();
        await using var command = RulesSql.Command(connection, transaction, $"SELECT {Columns} FROM expression {where}", ("@v", value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((new ExpressionDocument
            {
                Id = RulesSql.Long(reader, 0),
                Expression = RulesSql.Text(reader, 1),
                Func = RulesSql.Text(reader, 2),
                Op = RulesSql.Text(reader, 3),
                RightValue = RulesSql.Text(reader, 4),
                MaxStep = RulesSql.Int(reader, 5),
                Priority = RulesSql.Int(reader, 6),
                Note = RulesSql.Text(reader, 7),
                Pause = RulesSql.Int(reader, 8) != 0,
                Creator = RulesSql.Text(reader, 9),
            }, RulesSql.Long(reader, 10)));
        }

        return rows;
    }
}
