using System.CommandLine;
using Falcon.Hosting;

namespace Falcon.Cli;

/// <summary>`falcon upgrade push|status|cancel|resume`: drive a fleet agent upgrade through hbs's HTTP API.</summary>
internal static class UpgradeCommand
{
    public static Option<string> Hbs { get; } = new("--hbs")
    {
        Description = "hbs HTTP address, http://host:6031 or host:port. Default: hbs.httpListen from the configuration, with a wildcard address (0.0.0.0) reached over 127.0.0.1.",
        HelpName = "url",
    };

    public static Option<string> Token { get; } = new("--token")
    {
        Description = "Admin bearer token, needed when not running on the hbs host (loopback needs none). Default: host.adminToken from the configuration (or FALCON_HOST__ADMINTOKEN).",
        HelpName = "token",
    };

    public static Option<int> Timeout { get; } = CreateTimeout();

    public static Command Create()
    {
        var upgrade = new Command(
            "upgrade",
            "Upgrade the fleet's agents through hbs: push a task, watch it, resume or cancel it. Agents receive the task in their heartbeat reply, at most hbs.upgrade.maxConcurrent at once across every hbs instance; run these on the hbs host or pass --hbs and --token.");
        upgrade.Subcommands.Add(UpgradePushCommand.Create());
        upgrade.Subcommands.Add(CreateStatus());
        upgrade.Subcommands.Add(CreateCancel());
        upgrade.Subcommands.Add(CreateResume());
        upgrade.Subcommands.Add(UpgradeWatchdogCommand.Create());
        return upgrade;
    }

    /// <summary>Adds --hbs, --token, --timeout and the configuration options (where hbs.httpListen and host.adminToken are read).</summary>
    public static void AddConnectionOptions(Command command)
    {
        command.Options.Add(Hbs);
        command.Options.Add(Token);
        command.Options.Add(Timeout);
        CommonOptions.AddTo(command);
    }

    /// <summary>Resolves the hbs address, runs <paramref name="action"/>, and turns failures into one stderr line and exit 1.</summary>
    public static async Task<int> RunAsync(ParseResult result, string name, Func<UpgradeClient, Task<int>> action)
    {
        var error = result.InvocationConfiguration.Error;
        UpgradeTarget target;
        try
        {
            target = UpgradeTarget.Resolve(result, result.GetValue(Hbs), result.GetValue(Token), result.GetValue(Timeout));
        }
        catch (ConfigurationException e)
        {
            FalconHost.WriteProblems(error, e.Problems);
            return ExitCodes.Failed;
        }

        using var client = new UpgradeClient(target);
        try
        {
            return await action(client);
        }
        catch (UpgradeClientException e)
        {
            await error.WriteLineAsync($"falcon upgrade {name}: {e.Message}");
            return ExitCodes.Failed;
        }
    }

    private static Option<int> CreateTimeout()
    {
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds to wait for each answer from hbs.",
            DefaultValueFactory = _ => 10,
            HelpName = "seconds",
        };
        timeout.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 600)
            {
                r.AddError("--timeout must be between 1 and 600 seconds");
            }
        });
        return timeout;
    }

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
        AddConnectionOptions(command);
        command.SetAction((result, ct) => RunAsync(result, "status", client =>
            UpgradeStatusWatcher.RunAsync(client, result.InvocationConfiguration.Output, result.GetValue(watch), TimeSpan.FromSeconds(result.GetValue(interval)), ct)));
        return command;
    }

    private static Command CreateCancel()
    {
        var command = new Command(
            "cancel",
            "Cancel the upgrade task: agents are sent nothing more (those already downloading finish on their own). The counts stay visible in 'falcon upgrade status' until the next push.");
        AddConnectionOptions(command);
        command.SetAction((result, ct) => RunAsync(result, "cancel", async client =>
        {
            var message = await client.CancelAsync(ct);
            await result.InvocationConfiguration.Output.WriteLineAsync(message ?? "upgrade cancelled");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateResume()
    {
        var command = new Command(
            "resume",
            "Resume a task that paused itself because too many attempts failed (hbs.upgrade.failurePauseRatio). Failed hosts stay failed; push the task again to retry them.");
        AddConnectionOptions(command);
        command.SetAction((result, ct) => RunAsync(result, "resume", async client =>
        {
            var message = await client.ResumeAsync(ct);
            await result.InvocationConfiguration.Output.WriteLineAsync(message ?? "upgrade resumed");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
