using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Falcon.Roles.Agent.Upgrade;

namespace Falcon.Tests.Roles.Agent.Upgrade;

/// <summary>A scratch install directory with a "binary" that is a small shell script printing its version.</summary>
internal sealed class UpgradeDirectory : IDisposable
{
    public UpgradeDirectory(string installedVersion = "7.0")
    {
        Root = Path.Combine(Path.GetTempPath(), $"falcon-test-agentup-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
        Paths = new BinaryPaths(Path.Combine(Root, "falcon"));
        WriteScript(Paths.Binary, VersionScript(installedVersion));
    }

    public string Root { get; }

    public BinaryPaths Paths { get; }

    public string BinaryText => File.ReadAllText(Paths.Binary);

    /// <summary>Every file in the directory, so a test can show no temporary file was left behind.</summary>
    public IReadOnlyList<string> Files => Directory.GetFiles(Root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    /// <summary>A script that answers `version` with <paramref name="version"/> and otherwise runs <paramref name="run"/>.</summary>
    public static string VersionScript(string version, string run = "exit 0") =>
        $"#!/bin/sh\nif [ \"$1\" = version ]; then echo {version}; exit 0; fi\n{run}\n";

    public static void WriteScript(string path, string text)
    {
        File.WriteAllText(path, text);
        MakeExecutable(path);
    }

    public static void MakeExecutable(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        }
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string Md5(string text) =>
#pragma warning disable CA5351 // the fork's checksum, tested as such
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351

    public static void WriteGzip(string path, string text)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
        gzip.Write(Encoding.UTF8.GetBytes(text));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Under /tmp; harmless.
        }
    }
}
