using Falcon.Roles.Aggregator.Methods;
using Falcon.Roles.Aggregator.Targets;
using Falcon.Shared.Portal;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace Falcon.Roles.Aggregator.Definitions;

/// <summary>
/// Reads every definition from falcon_portal: open-falcon's `cluster`, Falcon's `falcon_aggregate` and, where the
/// fork's `poly_metric` table exists, its rows (`falcon_group` ones; `ams_tag` needs the fork's CMDB and is skipped).
/// A table that does not exist is read as empty.
/// </summary>
internal sealed class DefinitionReader
{
    private const int NoSuchTable = 1146;

    /// <summary>The fork computed every 30 s.</summary>
    private const int PolyMetricStep = 30;

    private readonly FalconDatabases _databases;
    private readonly int _seriesStep;

    public DefinitionReader(FalconDatabases databases, IOptions<AggregatorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _databases = databases;
        _seriesStep = (int)options.Value.SeriesStep.TotalSeconds;
    }

    public async Task<DefinitionSet> ReadAsync(CancellationToken cancellationToken)
    {
        var definitions = new List<AggregateDefinition>();
        var problems = new List<DefinitionProblem>();
        await using var connection = await _databases.Portal.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ReadTableAsync(connection, "SELECT id, grp_id, numerator, denominator, endpoint, metric, tags, ds_type, step, last_update FROM `cluster`", r =>
        {
            var id = Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
            var (d, p) = DefinitionRows.Cluster(id, r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7), r.GetInt32(8), DefinitionRows.Version(r.IsDBNull(9) ? null : r.GetDateTime(9)), _seriesStep);
            Add(definitions, problems, $"cluster:{id}", d, p);
        }, cancellationToken).ConfigureAwait(false);

        await ReadTableAsync(connection, "SELECT id, name, target_kind, target, counter, methods, endpoint, metric, tags, step, series_step, last_update FROM `falcon_aggregate` WHERE enabled <> 0", r =>
        {
            var id = Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
            var seriesStep = r.IsDBNull(10) ? _seriesStep : r.GetInt32(10);
            var (d, p) = DefinitionRows.Aggregate(AggregateSource.Aggregate, id, r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
                r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), r.GetString(8), r.GetInt32(9), seriesStep, DefinitionRows.Version(r.IsDBNull(11) ? null : r.GetDateTime(11)));
            Add(definitions, problems, $"aggregate:{id}", d, p);
        }, cancellationToken).ConfigureAwait(false);

        await ReadTableAsync(connection, "SELECT id, poly_type, name, counter FROM `poly_metric`", r =>
        {
            var id = Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
            var type = r.IsDBNull(1) ? "" : r.GetString(1);
            if (type != GroupNameTarget.KindName)
            {
                problems.Add(new DefinitionProblem($"poly:{id}", $"poly_type '{type}' is not supported (only {GroupNameTarget.KindName}; ams_tag needs the fork's CMDB)"));
                return;
            }

            var (d, p) = DefinitionRows.Aggregate(AggregateSource.PolyMetric, id, r.GetString(2), type, r.GetString(2), r.GetString(3), AggregateMethods.PolyMetricList,
                null, null, "", PolyMetricStep, _seriesStep, "");
            Add(definitions, problems, $"poly:{id}", d, p);
        }, cancellationToken).ConfigureAwait(false);

        return new DefinitionSet(definitions, problems);
    }

    private static void Add(List<AggregateDefinition> definitions, List<DefinitionProblem> problems, string key, AggregateDefinition? definition, string? problem)
    {
        if (definition is not null)
        {
            definitions.Add(definition);
        }
        else
        {
            problems.Add(new DefinitionProblem(key, problem ?? "unreadable"));
        }
    }

    private static async Task ReadTableAsync(MySqlConnection connection, string sql, Action<MySqlDataReader> row, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new MySqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                row(reader);
            }
        }
        catch (MySqlException e) when (e.Number == NoSuchTable)
        {
            // Not migrated yet (falcon_aggregate) or not the fork's database (poly_metric): nothing to read.
        }
    }
}
