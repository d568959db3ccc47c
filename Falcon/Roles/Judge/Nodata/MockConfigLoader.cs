using System.Globalization;
using Falcon.Roles.Judge.Judging;
using Falcon.Shared.Model;
using Falcon.Shared.Portal;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace Falcon.Roles.Judge.Nodata;

/// <summary>
/// Reads falcon_portal's `mockcfg` and expands each row to the series it watches, with open-falcon nodata's rules
/// (docs/nodata.md): `obj` holds one name per line; a host or other row names endpoints, a group row names groups whose
/// hosts are taken (hosts in a maintenance window left out); when two rows watch one series the first row wins, except
/// that a host row beats a group row.
/// </summary>
internal sealed class MockConfigLoader(FalconDatabases databases, TimeProvider timeProvider, ILogger<MockConfigLoader> logger)
{
    private const int GroupsPerQuery = 500;

    /// <summary>Every watched series by its id, at most <paramref name="maxSeries"/> of them.</summary>
    public async Task<Dictionary<SeriesId, MockConfig>> LoadAsync(int maxSeries, CancellationToken cancellationToken)
    {
        await using var connection = await databases.Portal.OpenConnectionAsync(cancellationToken);
        var rows = await ReadRowsAsync(connection, cancellationToken);
        var groups = rows.Where(static r => r.ObjType == "group").SelectMany(static r => Names(r.Obj)).Distinct(StringComparer.Ordinal).ToList();
        var hostsOf = await ReadGroupHostsAsync(connection, groups, cancellationToken);

        var configs = new Dictionary<SeriesId, MockConfig>();
        var full = false;
        var conflicts = 0;
        string? firstConflict = null;
        foreach (var row in rows)
        {
            var endpoints = row.ObjType == "group"
                ? Names(row.Obj).SelectMany(g => hostsOf.GetValueOrDefault(g) ?? []).Distinct(StringComparer.Ordinal)
                : Names(row.Obj).Distinct(StringComparer.Ordinal);
            foreach (var endpoint in endpoints)
            {
                var config = new MockConfig(row.Id, row.Name, row.ObjType, endpoint, row.Metric, row.Tags, row.Step, row.Mock);
                var id = new SeriesId(endpoint, row.Metric, row.Tags.Canonical);
                if (configs.TryGetValue(id, out var existing))
                {
                    var (kept, dropped) = existing.ObjType == "group" && row.ObjType == "host" ? (config, existing) : (existing, config);
                    configs[id] = kept;
                    if (conflicts++ == 0)
                    {
                        firstConflict = $"{SeriesKey.Of(endpoint, row.Metric, row.Tags)}: {kept.Name} kept, {dropped.Name} dropped";
                    }
                }
                else if (configs.Count < maxSeries)
                {
                    configs[id] = config;
                }
                else if (!full)
                {
                    full = true;
                    NodataLog.TooManySeries(logger, maxSeries, row.Name);
                }
            }
        }

        if (conflicts > 0)
        {
            NodataLog.Conflicts(logger, conflicts, firstConflict!);
        }

        return configs;
    }

    // Go splits on "\n" and trims each name; "\r\n" from a web form trims the same way.
    private static IEnumerable<string> Names(string obj) =>
        obj.Split('\n').Select(static n => n.Trim()).Where(static n => n.Length > 0);

    private async Task<List<Row>> ReadRowsAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SELECT id, name, obj, obj_type, metric, tags, dstype, step, mock FROM mockcfg ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<Row>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
            var name = reader.IsDBNull(1) ? "" : reader.GetString(1);
            var objType = reader.IsDBNull(3) ? "" : reader.GetString(3);
            var metric = reader.IsDBNull(4) ? "" : reader.GetString(4);
            var dstype = reader.IsDBNull(6) ? "" : reader.GetString(6);
            var step = reader.IsDBNull(7) ? 0 : Convert.ToInt64(reader.GetValue(7), CultureInfo.InvariantCulture);
            var problem = metric.Length == 0 ? "metric is empty"
                : dstype != "GAUGE" ? $"dstype '{dstype}' is not GAUGE, the only type nodata fills"
                : step < 1 ? $"step {step} is not a positive number of seconds"
                : objType is not ("host" or "group" or "other") ? $"obj_type '{objType}' is none of host, group, other"
                : null;
            if (problem is not null)
            {
                NodataLog.RowSkipped(logger, id, name, problem);
                continue;
            }

            var mock = reader.IsDBNull(8) ? 0 : reader.GetDouble(8);
            rows.Add(new Row(id, name, reader.IsDBNull(2) ? "" : reader.GetString(2), objType, metric, TagSet.Parse(reader.IsDBNull(5) ? "" : reader.GetString(5)), step, mock));
        }

        return rows;
    }

    private async Task<Dictionary<string, List<string>>> ReadGroupHostsAsync(MySqlConnection connection, List<string> groups, CancellationToken cancellationToken)
    {
        var hostsOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var now = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        foreach (var chunk in groups.Chunk(GroupsPerQuery))
        {
            // Hosts in a maintenance window are left out: open-falcon's nodata meant to, but its query kept only them.
            await using var command = new MySqlCommand(
                "SELECT g.grp_name, h.hostname FROM grp g JOIN grp_host gh ON gh.grp_id = g.id JOIN host h ON h.id = gh.host_id"
                + " WHERE h.hostname <> '' AND NOT (h.maintain_begin <= @now AND h.maintain_end >= @now) AND g.grp_name IN ("
                + string.Join(", ", chunk.Select(static (_, i) => "@g" + i.ToString(CultureInfo.InvariantCulture))) + ")",
                connection);
            command.Parameters.AddWithValue("@now", now);
            for (var i = 0; i < chunk.Length; i++)
            {
                command.Parameters.AddWithValue("@g" + i.ToString(CultureInfo.InvariantCulture), chunk[i]);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var group = reader.GetString(0);
                if (!hostsOf.TryGetValue(group, out var hosts))
                {
                    hostsOf[group] = hosts = [];
                }

                hosts.Add(reader.GetString(1));
            }
        }

        return hostsOf;
    }

    private sealed record Row(long Id, string Name, string Obj, string ObjType, string Metric, TagSet Tags, long Step, double Mock);
}
