using Falcon.Shared.Model.Aggregates;
using Falcon.Shared.Portal;
using MySqlConnector;

namespace Falcon.Roles.Console.Config.Rules;

/// <summary>
/// An aggregate of the aggregator role (falcon_portal.falcon_aggregate), by name. Checked with the aggregator's own
/// rules (<see cref="AggregateRules"/>), so a saved row is one the aggregator runs rather than skips.
/// </summary>
internal sealed class AggregateKind : IConfigKind
{
    public const string KindName = "aggregate";

    private const string Columns = "id, name, target_kind, target, counter, methods, endpoint, metric, tags, step, series_step, enabled, creator";

    public string Kind => KindName;

    public FalconDatabaseKind Database => FalconDatabaseKind.Portal;

    public async Task<IReadOnlyList<string>> NamesAsync(MySqlConnection connection, MySqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var names = (await RulesSql.TextsAsync(connection, transaction, "SELECT name FROM falcon_aggregate", cancellationToken)).Distinct(StringComparer.Ordinal).ToList();
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    public async Task<string?> ReadAsync(MySqlConnection connection, MySqlTransaction transaction, string name, CancellationToken cancellationToken)
    {
        var found = await FindAsync(connection, transaction, name, cancellationToken);
        return found is null ? null : RulesJson.Serialize(found.Value.Document, RulesJson.Context.AggregateDocument);
    }

    public async Task WriteAsync(MySqlConnection connection, MySqlTransaction transaction, string name, string? json, string actor, CancellationToken cancellationToken)
    {
        var found = await FindAsync(connection, transaction, name, cancellationToken);
        if (json is null)
        {
            if (found is not null)
            {
                await RulesSql.ExecuteAsync(connection, transaction, "DELETE FROM falcon_aggregate WHERE id = @id", cancellationToken, ("@id", found.Value.Id));
            }

            return;
        }

        var document = RulesJson.Parse(json, RulesJson.Context.AggregateDocument, "name");
        Check(document);
        if (!string.Equals(document.Name, name, StringComparison.Ordinal))
        {
            throw new ConfigValidationException("name", $"the JSON names aggregate '{document.Name}', not '{name}'");
        }

        await SaveAsync(connection, transaction, found?.Id, document, actor, cancellationToken);
    }

    /// <summary>Checks every field with the aggregator's rules and puts it in canonical form.</summary>
    public static void Check(AggregateDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Name = RuleFields.CheckName(document.Name, "aggregate", "shop.web.cpu", 255);
        if (!AggregateRules.TryCheckTarget(document.TargetKind, document.Target, out var kind, out var target, out var error))
        {
            var known = AggregateRules.TargetKinds.Contains((document.TargetKind ?? "").Trim().ToLowerInvariant()) || (document.TargetKind ?? "").Trim() == "group";
            throw new ConfigValidationException(known ? "target" : "targetKind",
                $"{error}: falcon_group takes a host group's name, endpoint an RE2 pattern of endpoints (web-.*), selector label matchers (idc=\"bj\",role=~\"web|api\")");
        }

        document.TargetKind = kind;
        document.Target = RuleFields.CheckLength("target", target, 4096, "the target");
        if (!AggregateRules.TryParseCounter(document.Counter, out _, out _, out error))
        {
            throw new ConfigValidationException("counter", $"{error}; e.g. cpu.idle or net.if.in.bytes/iface=eth0");
        }

        document.Counter = RuleFields.CheckLength("counter", document.Counter.Trim(), 512, "the counter");
        if (!AggregateRules.TryParseMethods(string.Join(',', document.Methods), out var methods, out error))
        {
            throw new ConfigValidationException("methods", $"{error}; none given means all of {AggregateRules.DefaultMethods}");
        }

        document.Methods = document.Methods.Count == 0 ? [] : [.. methods];
        RuleFields.CheckLength("methods", string.Join(',', document.Methods), 255, "the methods");
        document.Endpoint = RuleFields.CheckLength("endpoint", (document.Endpoint ?? "").Trim(), 255, "the output endpoint; empty: <targetKind>_poly_<name>");
        document.Metric = RuleFields.CheckLength("metric", (document.Metric ?? "").Trim(), 255, "the output metric; empty: the counter");
        document.Tags = RuleFields.CheckLength("tags", RuleFields.CheckTags(document.Tags), 255, "tags added to every point, k=v,k2=v2");
        if (document.Step <= 0)
        {
            throw new ConfigValidationException("step", $"step {document.Step}: the aggregator computes every step seconds, so it must be 1 or more (e.g. 60)");
        }

        if (document.SeriesStep is <= 0)
        {
            throw new ConfigValidationException("seriesStep", $"seriesStep {document.SeriesStep}: the step of the input series in seconds, 1 or more, or null for aggregator.seriesStep");
        }
    }

    public static async Task<List<AggregateDocument>> ListAsync(MySqlConnection connection, CancellationToken cancellationToken) =>
        [.. (await RowsAsync(connection, null, "", null, cancellationToken)).Select(static r => r.Document).OrderBy(static d => d.Name, StringComparer.Ordinal)];

    public static async Task<(AggregateDocument Document, long Id)?> FindAsync(MySqlConnection connection, MySqlTransaction? transaction, string name, CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(connection, transaction, "WHERE name = @v ORDER BY id", name, cancellationToken);
        var match = rows.FirstOrDefault(r => string.Equals(r.Document.Name, name, StringComparison.Ordinal));
        return match.Document is null ? null : match;
    }

    public static async Task SaveAsync(MySqlConnection connection, MySqlTransaction transaction, long? id, AggregateDocument d, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(d);
        (string, object?)[] values =
        [
            ("@name", d.Name), ("@kind", d.TargetKind), ("@target", d.Target), ("@counter", d.Counter), ("@methods", string.Join(',', d.Methods)),
            ("@endpoint", d.Endpoint.Length == 0 ? null : d.Endpoint), ("@metric", d.Metric.Length == 0 ? null : d.Metric), ("@tags", d.Tags), ("@step", d.Step),
            ("@series", d.SeriesStep), ("@enabled", d.Enabled ? 1 : 0), ("@creator", d.Creator.Length > 0 ? d.Creator : actor), ("@id", id),
        ];
        await RulesSql.ExecuteAsync(connection, transaction, id is null
            ? "INSERT INTO falcon_aggregate (name, target_kind, target, counter, methods, endpoint, metric, tags, step, series_step, enabled, creator) VALUES (@name, @kind, @target, @counter, @methods, @endpoint, @metric, @tags, @step, @series, @enabled, @creator)"
            : "UPDATE falcon_aggregate SET name = @name, target_kind = @kind, target = @target, counter = @counter, methods = @methods, endpoint = @endpoint, metric = @metric, tags = @tags, step = @step, series_step = @series, enabled = @enabled, creator = @creator WHERE id = @id",
            cancellationToken, values);
    }

    private static async Task<List<(AggregateDocument Document, long Id)>> RowsAsync(MySqlConnection connection, MySqlTransaction? transaction, string where, object? value, CancellationToken cancellationToken)
    {
        var rows = new List<(AggregateDocument, long)>();
        await using var command = RulesSql.Command(connection, transaction, $"SELECT {Columns} FROM falcon_aggregate {where}", ("@v", value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((new AggregateDocument
            {
                Name = RulesSql.Text(reader, 1),
                TargetKind = RulesSql.Text(reader, 2),
                Target = RulesSql.Text(reader, 3),
                Counter = RulesSql.Text(reader, 4),
                Methods = RulesSql.Text(reader, 5).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
                Endpoint = RulesSql.Text(reader, 6),
                Metric = RulesSql.Text(reader, 7),
                Tags = RulesSql.Text(reader, 8),
                Step = RulesSql.Int(reader, 9),
                SeriesStep = reader.IsDBNull(10) ? null : RulesSql.Int(reader, 10),
                Enabled = RulesSql.Int(reader, 11) != 0,
                Creator = RulesSql.Text(reader, 12),
            }, RulesSql.Long(reader, 0)));
        }

        return rows;
    }
}
