using System.CommandLine;
using Falcon.Hosting;
using Falcon.Shared.Portal;
using Falcon.Shared.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Falcon.Shared.Configuration;
using Falcon.Hosting.Configuration;
using Microsoft.Extensions.Options;

namespace Falcon.Cli;

/// <summary>`falcon config check`: validates every role's settings and prints the effective values, secrets masked.</summary>
internal static class ConfigCheckCommand
{
    public static Command Create(RoleRegistry registry)
    {
        var check = new Command("check", "Load the configuration as `falcon run --role all` would, validate it, and print the effective values (secrets masked). Exit 0 when valid, 1 with one line per problem.");
        CommonOptions.AddTo(check);
        check.SetAction(result => Check(registry, CommonOptions.Source(result), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));

        var config = new Command("config", "Inspect the configuration.");
        config.Subcommands.Add(check);
        return config;
    }

    public static int Check(RoleRegistry registry, ConfigurationSource source, TextWriter output, TextWriter error)
    {
        IHost host;
        try
        {
            var builder = FalconHost.CreateBuilder(source, registry.Roles);
            // The shared systems are checked even when no role of this build uses them yet.
            builder.Services.AddFalconRedis();
            builder.Services.AddFalconMySql();
            host = builder.Build();
        }
        catch (ConfigurationException e)
        {
            FalconHost.WriteProblems(error, e.Problems);
            return ExitCodes.Failed;
        }

        using (host)
        {
            var problems = new List<string>();
            try
            {
                host.Services.GetService<IStartupValidator>()?.Validate();
            }
            catch (Exception e) when (ConfigurationProblems.TryExtract(e, out var found))
            {
                problems.AddRange(found);
            }

            var known = new List<string>();
            foreach (var section in host.Services.GetServices<OptionsSection>().OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                try
                {
                    foreach (var (key, value) in section.Describe(host.Services))
                    {
                        known.Add(key);
                        output.WriteLine($"{key} = {value}");
                    }
                }
                catch (Exception e) when (ConfigurationProblems.TryExtract(e, out var found))
                {
                    problems.AddRange(found.Where(p => !problems.Contains(p)));
                }
            }

            foreach (var unknown in UnknownKeys(host.Services.GetRequiredService<IConfiguration>(), known))
            {
                error.WriteLine($"warning: config: unknown key '{unknown}' is ignored");
            }

            FalconHost.WriteProblems(error, problems);
            return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        }
    }

    // A misspelt key silently keeps its default, which is worse than an error an operator can read.
    private static IEnumerable<string> UnknownKeys(IConfiguration configuration, List<string> known)
    {
        var knownSections = known.Select(k => k[..k.IndexOf('.', StringComparison.Ordinal)]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var section in configuration.GetChildren())
        {
            if (string.Equals(section.Key, "logging", StringComparison.OrdinalIgnoreCase) || !knownSections.Contains(section.Key))
            {
                continue;
            }

            foreach (var leaf in Leaves(section, section.Key))
            {
                // A list (hbs.trustable.0) or map value belongs to its known parent key.
                if (!known.Any(k => string.Equals(leaf, k, StringComparison.OrdinalIgnoreCase)
                    || leaf.StartsWith(k + ".", StringComparison.OrdinalIgnoreCase)))
                {
                    yield return leaf;
                }
            }
        }
    }

    private static IEnumerable<string> Leaves(IConfigurationSection section, string path)
    {
        var children = section.GetChildren().ToArray();
        if (children.Length == 0)
        {
            yield return path;
            yield break;
        }

        foreach (var child in children)
        {
            foreach (var leaf in Leaves(child, $"{path}.{child.Key}"))
            {
                yield return leaf;
            }
        }
    }
}
