using System.CommandLine;
using Falcon.Roles.Agent.Upgrade;

namespace Falcon.Cli.Upgrade;

/// <summary>`falcon upgrade watchdog`: the agent upgrade watchdog's pre-start step, run by the supervisor from the backup binary.</summary>
internal static class UpgradeWatchdogCommand
{
    public static Command Create()
    {
        var binary = new Option<string>("--binary")
        {
            Description = "The agent binary to guard. Default: this binary's path without a trailing .bak (falcon.bak guards falcon beside it).",
            HelpName = "path",
        };
        var command = new Command(
            "watchdog",
            "Agent self-upgrade watchdog, for the supervisor to run before each start of the agent (systemd: ExecStartPre=-/opt/falcon/falcon.bak upgrade watchdog). Counts the start of a freshly swapped-in binary and puts the previous one back when it has not reached a successful heartbeat within its starts or time. Does nothing when no upgrade is pending.");
        command.Options.Add(binary);
        command.SetAction(result => UpgradeWatchdogPreStart.Run(
            result.GetValue(binary) is { Length: > 0 } path ? path : UpgradeWatchdogPreStart.DefaultBinary(Environment.ProcessPath ?? "falcon"),
            UpgradeWatchdog.CurrentStartId(),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return command;
    }
}
