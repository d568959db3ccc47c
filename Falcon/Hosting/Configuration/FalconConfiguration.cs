using Microsoft.Extensions.Configuration;
using Falcon.Shared.Configuration;

namespace Falcon.Hosting.Configuration;

/// <summary>Builds the layered configuration: YAML file, then environment, then command-line overrides.</summary>
internal static class FalconConfiguration
{
    public const string EnvironmentPrefix = "FALCON_";

    /// <summary>Adds the three layers to a builder; throws <see cref="ConfigurationException"/> with one line per problem.</summary>
    public static void AddFalconSources(this IConfigurationBuilder builder, ConfigurationSource source)
    {
        var fullPath = System.IO.Path.GetFullPath(source.Path);
        if (File.Exists(fullPath))
        {
            builder.AddYamlFile(fullPath, optional: false, reloadOnChange: false);
        }
        else if (source.PathGivenExplicitly)
        {
            throw new ConfigurationException([$"config: file '{source.Path}' not found"]);
        }

        builder.AddEnvironmentVariables(EnvironmentPrefix);
        // OpenTelemetry reads its standard OTEL_* settings (exporter endpoint, protocol, intervals) from the
        // configuration under their own names, so they are passed through unprefixed.
        builder.AddInMemoryCollection(Environment.GetEnvironmentVariables()
            .Cast<System.Collections.DictionaryEntry>()
            .Select(e => (Key: (string)e.Key, Value: e.Value as string))
            .Where(e => e.Key.StartsWith("OTEL_", StringComparison.Ordinal))
            .Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)));
        builder.AddInMemoryCollection(ParseOverrides(source.Overrides));
    }

    /// <summary>Loads the configuration on its own, for commands that do not build a host.</summary>
    public static IConfigurationRoot Load(ConfigurationSource source)
    {
        var builder = new ConfigurationBuilder();
        try
        {
            builder.AddFalconSources(source);
            return builder.Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or YamlDotNet.Core.YamlException)
        {
            throw new ConfigurationException([$"config: '{source.Path}' is not valid YAML: {OneLine(e)}"]);
        }
    }

    /// <summary>`hbs.rpcListen=127.0.0.1:6030` becomes the key `hbs:rpcListen`.</summary>
    public static Dictionary<string, string?> ParseOverrides(IEnumerable<string> overrides)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        foreach (var item in overrides)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                problems.Add($"config: --set '{item}' must look like section.key=value");
                continue;
            }

            values[item[..eq].Trim().Replace('.', ':')] = item[(eq + 1)..];
        }

        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }

        return values;
    }

    internal static string OneLine(Exception e)
    {
        var message = e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message;
        return message.ReplaceLineEndings(" ");
    }
}
