using System.CommandLine;
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
            UpgradeCommand.Create(),
            Release.ReleaseCommand.Create(),
            Silence.SilenceCommand.Create(),
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
        return Create(RoleRegistry.Default).Parse(args).InvokeAsync(configuration);
    }
}
