using System.CommandLine;
using Falcon.Hosting.Configuration;

namespace Falcon.Cli;

/// <summary>Options every configuration-reading command takes: the YAML file and `--set` overrides.</summary>
internal static class CommonOptions
{
    public const string DefaultConfigPath = "falcon.yaml";

    public static Option<string> Config { get; } = new("--config", "-c")
    {
        Description = "YAML configuration file (see falcon.yaml.example). Missing is fine when not given explicitly: defaults apply.",
        DefaultValueFactory = _ => DefaultConfigPath,
        HelpName = "file",
    };

    public static Option<string[]> Set { get; } = new("--set")
    {
        Description = "Override one setting, e.g. --set hbs.rpcListen=127.0.0.1:16030 (repeatable; wins over the file and FALCON_<SECTION>__<KEY> variables).",
        HelpName = "key=value",
        AllowMultipleArgumentsPerToken = false,
    };

    public static void AddTo(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(Set);
    }

    public static ConfigurationSource Source(ParseResult result)
    {
        var explicitPath = result.GetResult(Config) is { Implicit: false };
        return new ConfigurationSource(
            result.GetValue(Config) ?? DefaultConfigPath,
            explicitPath,
            result.GetValue(Set) ?? []);
    }
}
