using System.CommandLine;
using System.CommandLine.Parsing;
using Falcon.Cli.Upgrade;
using Falcon.Hosting;

namespace Falcon.Cli;

/// <summary>The `falcon` command tree.</summary>
internal static class FalconCli
{
    public static RootCommand Create(RoleRegistry registry)
    {
        var root = new RootCommand("falcon: open-falcon compatible monitoring for large Linux fleets, one binary for every role.")
        {
            RunCommand.Create(registry),
            VersionCommand.Create(),
            ConfigCheckCommand.Create(registry),
            DbCommand.Create(),
            PortalCommand.Create(),
            UpgradeCommand.Create(),
            Release.ReleaseCommand.Create(),
            Silence.SilenceCommand.Create(),
            Aggregate.AggregateCommand.Create(),
            new Command("alarm", "Alarm records and delivery: search alarms, list or replay messages that failed every round.")
            {
                Alarm.AlarmSearchCommand.Create(),
                Alarm.AlarmFailedCommand.Create(),
            },
            Bench.BenchCommand.Create(),
        };
        return root;
    }

    public static Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var configuration = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            // `run` drains on SIGTERM through the host's own lifetime; the parser must not race it to exit.
            ProcessTerminationTimeout = null,
        };
        var parsed = Create(RoleRegistry.Default).Parse(args);
        if (parsed.Errors.Count > 0 && UsageError(parsed) is { } line)
        {
            // One line naming the problem and where help is, exit 2: the whole help before it buried the one line
            // that mattered (and exited 1, as for a failed command).
            configuration.Error.WriteLine(line);
            return Task.FromResult(ExitCodes.Usage);
        }

        return parsed.InvokeAsync(configuration);
    }

    /// <summary>`falcon upgrade push: Option '--version' is required. (see falcon upgrade push --help)`; null for a bare `falcon`, whose help is the answer.</summary>
    internal static string? UsageError(ParseResult parsed)
    {
        var path = new List<string>();
        for (SymbolResult? symbol = parsed.CommandResult; symbol is not null; symbol = symbol.Parent)
        {
            if (symbol is CommandResult command)
            {
                path.Insert(0, command.Command is RootCommand ? "falcon" : command.Command.Name);
            }
        }

        if (path.Count == 1 && parsed.Tokens.Count == 0)
        {
            return null;
        }

        var name = string.Join(' ', path);
        return $"{name}: {parsed.Errors[0].Message.TrimEnd('.')} (see {name} --help)";
    }
}
