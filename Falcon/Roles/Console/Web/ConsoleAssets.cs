using System.Collections.Frozen;
using System.Reflection;

namespace Falcon.Roles.Console.Web;

/// <summary>
/// The built front end, embedded in the executable as manifest resources named `Falcon.Console.Web/&lt;path&gt;` (see
/// Falcon.csproj). Read once at start-up: the whole page is a few hundred kilobytes, and serving from memory keeps
/// NativeAOT free of any file-system or reflection-based static file handling.
/// </summary>
internal sealed class ConsoleAssets
{
    public const string ResourcePrefix = "Falcon.Console.Web/";

    private readonly FrozenDictionary<string, ConsoleAsset> _assets;

    public ConsoleAssets()
        : this(typeof(ConsoleAssets).Assembly)
    {
    }

    public ConsoleAssets(Assembly assembly)
    {
        var assets = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var path = "/" + name[ResourcePrefix.Length..].Replace('\\', '/');
            assets[path] = new ConsoleAsset(copy.ToArray(), ContentType(path), path.StartsWith("/assets/", StringComparison.Ordinal));
        }

        _assets = assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>How many files are embedded (0 means the build did not include the front end).</summary>
    public int Count => _assets.Count;

    /// <summary>The page every route of the single-page front end answers with.</summary>
    public ConsoleAsset? Index => _assets.GetValueOrDefault("/index.html");

    public ConsoleAsset? Find(string path) => _assets.GetValueOrDefault(path);

    private static string ContentType(string path) => Path.GetExtension(path) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        ".json" => "application/json",
        ".woff2" => "font/woff2",
        _ => "application/octet-stream",
    };
}
