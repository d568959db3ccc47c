using System.Reflection;

namespace Falcon.Hosting;

/// <summary>The version stamped by the build (Directory.Build.props), as `falcon version` prints it.</summary>
internal static class FalconVersion
{
    public static string Current { get; } = Read();

    private static string Read()
    {
        var informational = typeof(FalconVersion).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
