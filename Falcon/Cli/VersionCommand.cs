using System.CommandLine;
using Falcon.Hosting;

namespace Falcon.Cli;

/// <summary>`falcon version`: the one-line version that agent upgrades compare.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print this binary's version (one line, e.g. 7.1.0); agents report it to hbs and upgrades compare it.");
        command.SetAction(result =>
        {
            result.InvocationConfiguration.Output.WriteLine(FalconVersion.Current);
            return ExitCodes.Ok;
        });
        return command;
    }
}
