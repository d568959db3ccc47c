using Falcon.Hosting;
using Falcon.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Falcon.Roles.Console.Config;

/// <summary>
/// The configuration kinds exactly as the console role registers them, for what runs outside a role host
/// (`falcon portal export|import`). It lists no kind itself: it builds the console's services and asks them, so a
/// kind added to the console is exported and imported with no change here.
/// </summary>
internal static class ConfigKinds
{
    /// <summary>The order of the kinds in a portal file, and of writing them: what an object refers to comes first.</summary>
    public static readonly IReadOnlyList<string> FileOrder = ["user", "team", "template", "group", "expression", "aggregate", "host"];

    /// <summary>
    /// Builds (never starts) the console role's services from <paramref name="source"/>, logging to stderr only so
    /// stdout stays free for an export. Dispose the host after use.
    /// </summary>
    public static IHost BuildConsoleHost(ConfigurationSource source)
    {
        var builder = FalconHost.CreateBuilder(source, [ConsoleRole.Descriptor]);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(static o => o.SingleLine = true);
        builder.Services.Configure<ConsoleLoggerOptions>(static o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        return builder.Build();
    }

    /// <summary>Every registered kind, in <see cref="FileOrder"/>; a kind not named there comes after, by name.</summary>
    public static IReadOnlyList<IConfigKind> Ordered(IServiceProvider services)
    {
        var kinds = services.GetServices<IConfigKind>().DistinctBy(static k => k.Kind, StringComparer.Ordinal).ToList();
        return
        [
            .. kinds.Where(static k => FileOrder.Contains(k.Kind)).OrderBy(static k => IndexOf(k.Kind)),
            .. kinds.Where(static k => !FileOrder.Contains(k.Kind)).OrderBy(static k => k.Kind, StringComparer.Ordinal),
        ];
    }

    /// <summary>The list of a kind in a portal file: its plural ("users", "templates").</summary>
    public static string SectionOf(string kind) => kind + "s";

    private static int IndexOf(string kind)
    {
        for (var i = 0; i < FileOrder.Count; i++)
        {
            if (FileOrder[i] == kind)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
