using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Falcon.Tests.Integration.Roles.Agent.Upgrade;

/// <summary>
/// Real `FALCON_VERSION=x.y.z FALCON_RELEASE_KEY=&lt;test key&gt; ./build.sh publish` outputs (NativeAOT dist/falcon,
/// its gzip, and the download files build.sh writes) stamped with a version, cached under /tmp by a hash of the
/// sources so a second run, or a second version, costs nothing until the code changes.
/// </summary>
internal static class FalconPublish
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>The release key's public line (base64 SubjectPublicKeyInfo, as agent.upgrade.publicKeys takes it), in each cache directory.</summary>
    public const string PublicKeyFile = "release.pub";

    /// <summary>
    /// The directory holding `falcon`, `falcon.gz` and `falcon.sha256` of <paramref name="version"/>, and the download
    /// server's files exactly as build.sh wrote them: `bin_&lt;version&gt;` with its `.md5`, `.sha256` and `.sig` (signed by a
    /// key made for this cache, whose public line is <see cref="PublicKeyFile"/>).
    /// </summary>
    public static async Task<string> GetAsync(string version)
    {
        var root = RepositoryRoot();
        // "-signed": this layout; a directory of the older one (no bin_ files) is never taken for it.
        var cache = Path.Combine(Path.GetTempPath(), "falcon-test-publish", SourceHash(root), version + "-signed");
        if (File.Exists(Path.Combine(cache, "falcon.gz")))
        {
            return cache;
        }

        await Gate.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(cache, "falcon.gz")))
            {
                return cache;
            }

            var staging = cache + ".partial";
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            Directory.CreateDirectory(staging);
            var key = Path.Combine(staging, "release.key");
            using (var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            {
                File.WriteAllText(key, ecdsa.ExportPkcs8PrivateKeyPem());
                File.WriteAllText(Path.Combine(staging, PublicKeyFile), Convert.ToBase64String(ecdsa.ExportSubjectPublicKeyInfo()));
            }

            var info = new ProcessStartInfo("bash") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(Path.Combine(root, "build.sh"));
            info.ArgumentList.Add("publish");
            info.Environment["FALCON_VERSION"] = version;
            info.Environment["FALCON_RELEASE_KEY"] = key;
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(20));
            await process.WaitForExitAsync(deadline.Token);
            if (process.ExitCode != 0)
            {
                Assert.Fail($"`FALCON_VERSION={version} ./build.sh publish` failed ({process.ExitCode}):\n{await output}\n{await error}");
            }

            var dist = Path.Combine(root, "dist");
            File.Delete(key);
            File.Copy(Path.Combine(dist, "falcon"), Path.Combine(staging, "falcon"), overwrite: true);
            File.Copy(Path.Combine(dist, "falcon.sha256"), Path.Combine(staging, "falcon.sha256"), overwrite: true);
            // build.sh publishes the download as bin_<version>.gz (gzip_static's file beside bin_<version>).
            var gz = Path.Combine(dist, $"bin_{version}.gz");
            File.Copy(File.Exists(gz) ? gz : Path.Combine(dist, "falcon.gz"), Path.Combine(staging, "falcon.gz"), overwrite: true);
            foreach (var suffix in new[] { "", ".md5", ".sha256", ".sig" })
            {
                File.Copy(Path.Combine(dist, $"bin_{version}{suffix}"), Path.Combine(staging, $"bin_{version}{suffix}"), overwrite: true);
            }

            Directory.Move(staging, cache);
            return cache;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static string Sha256Of(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The repository (the directory with Falcon.slnx) above the test assembly, or FALCON_REPO.</summary>
    private static string RepositoryRoot()
    {
        if (Environment.GetEnvironmentVariable("FALCON_REPO") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Falcon.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Falcon.slnx above {AppContext.BaseDirectory}; set FALCON_REPO to the repository");
    }

    private static string SourceHash(string root)
    {
        // The product and the console's front end sources (embedded in the binary), not their build outputs.
        var files = new[] { "Falcon", "console-web" }.Select(d => Path.Combine(root, d)).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal)
                && !f.Contains("/node_modules/", StringComparison.Ordinal) && !f.Contains("/dist/", StringComparison.Ordinal))
            .Concat(new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "build.sh" }.Select(f => Path.Combine(root, f)).Where(File.Exists))
            .Order(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
