using System.CommandLine;
using Falcon.Hosting;
using Falcon.Shared.Portal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Falcon.Shared.Configuration;
using Falcon.Hosting.Configuration;

namespace Falcon.Cli;

/// <summary>`falcon db init|migrate`: create or update falcon_portal, uic and alarms with open-falcon's schemas.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var init = new Command(
            "init",
            "Create the falcon_portal, uic and alarms databases named in the mysql section if missing, then apply every pending schema migration. Safe to run again, and safe on an existing open-falcon database: it only adds what is missing.");
        CommonOptions.AddTo(init);
        init.SetAction((result, ct) => RunAsync(result, create: true, utf8mb4: false, dryRun: false, ct));

        var migrate = new Command(
            "migrate",
            "Apply pending schema migrations to the existing falcon_portal, uic and alarms databases (run after upgrading Falcon). Never drops or rewrites data.");
        CommonOptions.AddTo(migrate);
        var utf8mb4 = new Option<bool>("--utf8mb4")
        {
            Description = "Also convert open-falcon's own tables from utf8 to utf8mb4, so 4-byte characters (emoji) are stored as sent instead of as U+FFFD. "
                + "Lists the tables first; each ALTER TABLE ... CONVERT TO CHARACTER SET rebuilds its table and blocks writes to it while it runs. Safe to run again.",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "With --utf8mb4: only list what would be converted, change nothing." };
        migrate.Options.Add(utf8mb4);
        migrate.Options.Add(dryRun);
        migrate.SetAction((result, ct) => RunAsync(result, create: false, result.GetValue(utf8mb4), result.GetValue(dryRun), ct));

        var db = new Command("db", "Create and migrate the MySQL/MariaDB databases (connection strings: the mysql section).");
        db.Subcommands.Add(init);
        db.Subcommands.Add(migrate);
        return db;
    }

    private static async Task<int> RunAsync(ParseResult result, bool create, bool utf8mb4, bool dryRun, CancellationToken cancellationToken)
    {
        var output = result.InvocationConfiguration.Output;
        var error = result.InvocationConfiguration.Error;
        IConfigurationRoot configuration;
        try
        {
            configuration = FalconConfiguration.Load(CommonOptions.Source(result));
        }
        catch (ConfigurationException e)
        {
            FalconHost.WriteProblems(error, e.Problems);
            return ExitCodes.Failed;
        }

        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
            .AddFalconMySql();
        await using var provider = services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<IOptions<MySqlOptions>>().Value;
        }
        catch (Exception e) when (ConfigurationProblems.TryExtract(e, out var problems))
        {
            FalconHost.WriteProblems(error, problems);
            return ExitCodes.Failed;
        }

        var migrator = provider.GetRequiredService<SchemaMigrator>();
        var progress = new LineProgress(output);
        try
        {
            if (dryRun && utf8mb4)
            {
                await Utf8mb4Conversion.WritePlanAsync(output, await migrator.PlanUtf8mb4Async(cancellationToken));
                return ExitCodes.Ok;
            }

            var applied = create
                ? await migrator.InitAsync(progress, cancellationToken)
                : await migrator.MigrateAsync(progress, cancellationToken);
            await output.WriteLineAsync(applied.Count == 0 ? "databases are up to date" : $"applied {applied.Count} migration(s)");
            return utf8mb4 ? await Utf8mb4Conversion.RunAsync(migrator, output, error, cancellationToken) : ExitCodes.Ok;
        }
        catch (SchemaMigrationException e)
        {
            await error.WriteLineAsync($"falcon db {(create ? "init" : "migrate")}: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
