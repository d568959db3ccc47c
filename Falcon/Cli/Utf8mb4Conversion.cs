using System.Globalization;
using Falcon.Shared.Portal;

namespace Falcon.Cli;

/// <summary>The `--utf8mb4` part of `falcon db migrate`: says what it will convert and lock, converts, reports each table.</summary>
internal static class Utf8mb4Conversion
{
    public static async Task<int> RunAsync(SchemaMigrator migrator, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var plan = await migrator.PlanUtf8mb4Async(cancellationToken);
        await WritePlanAsync(output, plan);
        if (plan.IsEmpty)
        {
            return ExitCodes.Ok;
        }

        var outcome = await migrator.ConvertToUtf8mb4Async(plan, new LineProgress(output), cancellationToken);
        foreach (var (table, reason) in outcome.Failed)
        {
            await error.WriteLineAsync($"falcon db migrate --utf8mb4: {table.Database}.{table.Table}: {reason}");
        }

        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"converted {outcome.Converted.Count} table(s) to utf8mb4, {outcome.Failed.Count} failed"));
        return outcome.Failed.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    public static async Task WritePlanAsync(TextWriter output, Utf8mb4Plan plan)
    {
        if (plan.IsEmpty)
        {
            await output.WriteLineAsync("utf8mb4: every table is utf8mb4 already; nothing to convert");
            return;
        }

        if (plan.Tables.Count > 0)
        {
            await output.WriteLineAsync("utf8mb4: these tables will be converted, one at a time:");
            var width = plan.Tables.Max(static t => t.Database.Length + t.Table.Length + 1);
            foreach (var t in plan.Tables)
            {
                var name = $"{t.Database}.{t.Table}".PadRight(width);
                var size = string.Create(CultureInfo.InvariantCulture, $"~{t.Rows:N0} rows, {t.Bytes / 1048576.0:0.#} MiB");
                var rowFormat = t.ToDynamicRowFormat ? ", and ROW_FORMAT=DYNAMIC for its longer index columns" : "";
                var wide = t.ToMediumText.Count == 0
                    ? ""
                    : $", and {string.Join(", ", t.ToMediumText.Select(static c => string.Create(CultureInfo.InvariantCulture, $"{c.Name} VARCHAR({c.Characters})")))} becomes MEDIUMTEXT (at 4 bytes a character the row would pass MySQL's 65,535 bytes)";
                var problem = t.Problem is null ? "" : $"  (will be skipped: {t.Problem})";
                await output.WriteLineAsync($"  {name}  {t.FromCollation} -> {t.ToCollation}  {size}{rowFormat}{wide}{problem}");
            }

            await output.WriteLineAsync(
                "Each ALTER TABLE ... CONVERT TO CHARACTER SET utf8mb4 rebuilds its table: writes to that table (hbs host rows, "
                + "alarm records, the console) wait until its rebuild ends, reads go on. Big tables take a while: run it in a quiet hour.");
        }

        foreach (var (database, key) in plan.ForeignKeys)
        {
            await output.WriteLineAsync($"  foreign key {database}.{key}: dropped before and added back after (the server cannot change its columns while it exists)");
        }

        foreach (var d in plan.Defaults)
        {
            await output.WriteLineAsync($"  database {d.Database}: default character set {d.FromCollation} -> {d.ToCollation} (for tables created later; instant)");
        }
    }
}
