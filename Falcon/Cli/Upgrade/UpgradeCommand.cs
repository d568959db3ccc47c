using System.CommandLine;
using System.Net;
using Falcon.Cli.Http;

namespace Falcon.Cli.Upgrade;

/// <summary>`falcon upgrade push|status|pause|resume|cancel`: drive a fleet agent upgrade through hbs's HTTP API.</summary>
internal static class UpgradeCommand
{
    /// <summary>hbs's HTTP API, as the upgrade commands name it in their messages.</summary>
    public static RoleApi Api { get; } = RoleApis.Hbs with
    {
        Name = "upgrade API",
        Explain = static (status, message) => status == HttpStatusCode.Forbidden
            ? $"hbs refused: {message}. Run this on the hbs host (loopback is admitted), or pass --token / set host.adminToken to hbs's host.adminToken"
            : null,
    };

    /// <summary>--hbs, --token and --timeout, shared by every upgrade command.</summary>
    public static RoleApiOptions Connection { get; } = new(
        Api,
        "hbs HTTP address, http://host:6031 or host:port. Default: hbs.httpListen from the configuration, with a wildcard address (0.0.0.0) reached over 127.0.0.1.",
        "Admin bearer token, needed when not running on the hbs host (loopback needs none). Default: host.adminToken from the configuration (or FALCON_HOST__ADMINTOKEN).",
        "Seconds to wait for each answer from hbs.");

    public static Command Create()
    {
        var upgrade = new Command(
            "upgrade",
            "Upgrade the fleet's agents through hbs: push a task, watch it, pause, resume or cancel it. Agents receive the task in their heartbeat reply, at most hbs.upgrade.maxConcurrent at once across every hbs instance; run these on the hbs host or pass --hbs and --token.");
        upgrade.Subcommands.Add(UpgradePushCommand.Create());
        upgrade.Subcommands.Add(CreateStatus());
        upgrade.Subcommands.Add(CreatePause());
        upgrade.Subcommands.Add(CreateResume());
        upgrade.Subcommands.Add(CreateCancel());
        upgrade.Subcommands.Add(UpgradeWatchdogCommand.Create());
        return upgrade;
    }

    /// <summary>Runs one upgrade command's calls; failures become one stderr line ("falcon upgrade &lt;name&gt;: ...") and exit 1.</summary>
    public static Task<int> RunAsync(ParseResult result, string name, Func<RoleApiClient, Task<int>> action) =>
        Connection.RunAsync(result, $"falcon upgrade {name}", action);

    private static Command CreateStatus()
    {
        var watch = new Option<bool>("--watch", "-w")
        {
            Description = "Keep refreshing until nothing is upgrading or waiting, or the task stops running (paused, cancelled). Ctrl-C stops watching, not the upgrade.",
        };
        var interval = new Option<int>("--interval")
        {
            Description = "Seconds between refreshes with --watch.",
            DefaultValueFactory = _ => 2,
            HelpName = "seconds",
        };
        interval.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 3600)
            {
                r.AddError("--interval must be between 1 and 3600 seconds");
            }
        });

        var command = new Command(
            "status",
            "Show the upgrade task across every hbs: upgraded / in flight / failed / remaining, then the failed hosts with their last error. 'remaining' counts hosts seen needing the upgrade since the push, so it grows during the first heartbeat interval.");
        command.Options.Add(watch);
        command.Options.Add(interval);
        Connection.AddTo(command);
        command.SetAction((result, ct) => RunAsync(result, "status", client =>
            UpgradeStatusWatcher.RunAsync(client, result.InvocationConfiguration.Output, result.GetValue(watch), TimeSpan.FromSeconds(result.GetValue(interval)), ct)));
        return command;
    }

    private static Command CreateCancel()
    {
        var command = new Command(
            "cancel",
            "Cancel the upgrade task: agents are sent nothing more (those already downloading finish on their own). The counts stay visible in 'falcon upgrade status' until the next push.");
        Connection.AddTo(command);
        command.SetAction((result, ct) => RunAsync(result, "cancel", async client =>
        {
            var message = await client.CancelAsync(ct);
            await result.InvocationConfiguration.Output.WriteLineAsync(message ?? "upgrade cancelled");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreatePause()
    {
        var by = new Option<string>("--by")
        {
            Description = "Who pauses it, shown in the status as \"paused by <name>\". Default: the user running the command.",
            DefaultValueFactory = _ => Environment.UserName,
            HelpName = "name",
        };
        var command = new Command(
            "pause",
            "Pause the running upgrade task: agents are handed no new upgrade until 'falcon upgrade resume' (those already upgrading finish and are counted). Fails when no task is running.");
        command.Options.Add(by);
        Connection.AddTo(command);
        command.SetAction((result, ct) => RunAsync(result, "pause", async client =>
        {
            var message = await client.PauseAsync(result.GetValue(by), ct);
            await result.InvocationConfiguration.Output.WriteLineAsync(message ?? "upgrade paused");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateResume()
    {
        var command = new Command(
            "resume",
            "Resume a paused task: one paused by 'falcon upgrade pause', or one that paused itself because too many attempts failed (hbs.upgrade.failurePauseRatio). Failed hosts stay failed; push the task again to retry them.");
        Connection.AddTo(command);
        command.SetAction((result, ct) => RunAsync(result, "resume", async client =>
        {
            var message = await client.ResumeAsync(ct);
            await result.InvocationConfiguration.Output.WriteLineAsync(message ?? "upgrade resumed");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
