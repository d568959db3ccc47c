using System.CommandLine;
using Falcon.Hosting;

namespace Falcon.Cli;

/// <summary>`falcon run --role ...`: starts roles in this process until SIGTERM or Ctrl-C.</summary>
internal static class RunCommand
{
    public static Command Create(RoleRegistry registry)
    {
        var role = new Option<string>("--role", "-r")
        {
            Description = $"Role or comma-separated roles to run, or 'all'. Valid: {registry.ValidNames}.",
            Required = true,
            HelpName = "role[,role...]|all",
        };
        var command = new Command("run", "Run one or more roles in this process. SIGTERM or Ctrl-C drains queues and stops within host.shutdownTimeout.");
        command.Options.Add(role);
        CommonOptions.AddTo(command);
        command.SetAction(async (result, _) =>
        {
            var error = result.InvocationConfiguration.Error;
            if (!registry.TryResolve(result.GetValue(role), out var roles, out var problem))
            {
                await error.WriteLineAsync($"falcon run: {problem}");
                return ExitCodes.Usage;
            }

            // The host handles SIGTERM and Ctrl-C itself (graceful drain), so no token is passed from the parser.
            return await FalconHost.RunAsync(CommonOptions.Source(result), roles, error, CancellationToken.None);
        });
        return command;
    }
}
