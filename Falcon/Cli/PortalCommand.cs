using System.CommandLine;
using System.Text;
using Falcon.Hosting;
using Falcon.Roles.Console.Config;
using Falcon.Roles.Console.Config.Portal;
using Falcon.Shared.Configuration;
using Falcon.Shared.Portal;
using Falcon.Shared.Portal.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Falcon.Cli;

/// <summary>
/// `falcon portal export|import`: the monitoring configuration (users, teams, templates, groups, expressions,
/// aggregates, hosts) as one YAML file of objects by name, so it can live in git and move between databases.
/// </summary>
internal static class PortalCommand
{
    public static Command Create()
    {
        var export = new Command(
            "export",
            "Write every configuration object of falcon_portal and uic (the mysql section) as YAML, by name, never by database id: "
            + "users, teams, templates (parents first), groups, expressions, aggregates, hosts. The same configuration always gives the same file.");
        CommonOptions.AddTo(export);
        var withSecrets = new Option<bool>("--with-secrets") { Description = "Also write each user's password hash (passwd). Without it no hash is in the file; keep a file with them private." };
        var output = new Option<string?>("--out", "-o") { Description = "Write to this file (created with mode 0600 under --with-secrets) instead of standard output.", HelpName = "file" };
        export.Options.Add(withSecrets);
        export.Options.Add(output);
        export.SetAction((result, ct) => ExportAsync(result, result.GetValue(withSecrets), result.GetValue(output), ct));

        var import = new Command(
            "import",
            "Make the databases hold the objects of a file from 'falcon portal export', merging by name: objects in the file are created or updated, others are left alone. "
            + "Every change is audited (history page) and hbs and judges are told to reload. uic (users, teams) is imported in one transaction, then falcon_portal in another: "
            + "a bad object leaves its database as it was and names the object and field.");
        CommonOptions.AddTo(import);
        var file = new Argument<string>("file") { Description = "The YAML file ('-' reads standard input)." };
        var replace = new Option<bool>("--replace") { Description = "Also delete the objects of every list in the file that the list does not hold, so the database equals the file (a kind without a list in the file is left alone)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be created, updated and deleted, and write nothing." };
        var actor = new Option<string>("--actor")
        {
            Description = "The name the audit records for these changes.",
            DefaultValueFactory = _ => "portal-import",
            HelpName = "name",
        };
        import.Arguments.Add(file);
        import.Options.Add(replace);
        import.Options.Add(dryRun);
        import.Options.Add(actor);
        import.SetAction((result, ct) => ImportAsync(result, result.GetValue(file)!, new PortalImportOptions(result.GetValue(replace), result.GetValue(dryRun), result.GetValue(actor) ?? "portal-import"), ct));

        return new Command("portal", "Export and import the monitoring configuration as YAML (configuration in git).")
        {
            export,
            import,
        };
    }

    private static async Task<int> ExportAsync(ParseResult result, bool withSecrets, string? path, CancellationToken cancellationToken)
    {
        var error = result.InvocationConfiguration.Error;
        using var host = Build(result, "export");
        if (host is null)
        {
            return ExitCodes.Failed;
        }

        var kinds = ConfigKinds.Ordered(host.Services);
        var document = await new PortalExporter(host.Services.GetRequiredService<FalconDatabases>(), kinds).ExportAsync(withSecrets, cancellationToken);
        var header = "falcon portal export: monitoring configuration by name; 'falcon portal import FILE' loads it (--replace to make the database equal it)"
            + (withSecrets ? "\nholds password hashes (--with-secrets): keep this file private" : "");
        var yaml = PortalYamlWriter.Write(document, header);
        var count = document.Sections.Sum(static s => s.Objects.Count);
        if (path is null)
        {
            await result.InvocationConfiguration.Output.WriteAsync(yaml);
            return ExitCodes.Ok;
        }

        try
        {
            await WriteFileAsync(path, yaml, withSecrets, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"falcon portal export: cannot write {path}: {e.Message}");
            return ExitCodes.Failed;
        }

        await error.WriteLineAsync($"exported {count} object(s) to {path}");
        return ExitCodes.Ok;
    }

    private static async Task<int> ImportAsync(ParseResult result, string path, PortalImportOptions options, CancellationToken cancellationToken)
    {
        var output = result.InvocationConfiguration.Output;
        var error = result.InvocationConfiguration.Error;
        using var host = Build(result, "import");
        if (host is null)
        {
            return ExitCodes.Failed;
        }

        var kinds = ConfigKinds.Ordered(host.Services);
        try
        {
            PortalDocument document;
            using (var reader = path == "-" ? new StreamReader(Console.OpenStandardInput(), Encoding.UTF8) : new StreamReader(path, Encoding.UTF8))
            {
                document = PortalYamlReader.Read(reader, [.. kinds.Select(static k => ConfigKinds.SectionOf(k.Kind))]);
            }

            var importer = new PortalImporter(host.Services.GetRequiredService<FalconDatabases>(), kinds, host.Services.GetRequiredService<TimeProvider>());
            var outcome = await importer.ImportAsync(document, options, line => output.WriteLine(line), cancellationToken);
            foreach (var line in outcome.Lines())
            {
                await output.WriteLineAsync(line);
            }

            if (options.DryRun)
            {
                await output.WriteLineAsync("dry run: nothing was written");
            }
            else if (outcome.PortalChanged)
            {
                // One signal for the whole import: hbs reloads once, judges re-sync once.
                var heard = await host.Services.GetRequiredService<ConfigChangeSignal>().PublishChangedAsync("falcon portal import", cancellationToken);
                await output.WriteLineAsync(heard < 0
                    ? "Redis is unreachable: hbs takes the change in at its next refresh (hbs.cache.refreshInterval)"
                    : $"change signal sent ({heard} hbs listening)");
            }

            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"falcon portal import: cannot read {path}: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (PortalFileException e)
        {
            await error.WriteLineAsync($"falcon portal import: {path}: {e.Message}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>The console's services on the configuration of the command line, or null (with the problems written) when it is invalid.</summary>
    private static IHost? Build(ParseResult result, string verb)
    {
        var error = result.InvocationConfiguration.Error;
        IHost host;
        try
        {
            host = ConfigKinds.BuildConsoleHost(CommonOptions.Source(result));
        }
        catch (ConfigurationException e)
        {
            FalconHost.WriteProblems(error, e.Problems);
            return null;
        }

        try
        {
            _ = host.Services.GetRequiredService<IOptions<MySqlOptions>>().Value;
        }
        catch (Exception e) when (ConfigurationProblems.TryExtract(e, out var problems))
        {
            FalconHost.WriteProblems(error, problems);
            host.Dispose();
            return null;
        }

        if (ConfigKinds.Ordered(host.Services).Count == 0)
        {
            error.WriteLine($"falcon portal {verb}: this build has no configuration kinds registered in the console role");
            host.Dispose();
            return null;
        }

        return host;
    }

    private static async Task WriteFileAsync(string path, string text, bool secret, CancellationToken cancellationToken)
    {
        // Written beside the target and renamed over it: a failed export never leaves half a file where the last one was.
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            await using (var writer = new StreamWriter(temporary, new UTF8Encoding(false), options))
            {
                await writer.WriteAsync(text.AsMemory(), cancellationToken);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
