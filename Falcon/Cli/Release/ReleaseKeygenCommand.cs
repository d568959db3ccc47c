using System.CommandLine;
using System.Security.Cryptography;
using Falcon.Shared.Releases;

namespace Falcon.Cli.Release;

/// <summary>`falcon release keygen`: a new ECDSA P-256 release key pair; prints the line for agent.upgrade.publicKeys.</summary>
internal static class ReleaseKeygenCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out")
        {
            Description = "Where to write the private key (PKCS#8 PEM, mode 0600); the public key goes beside it as <path>.pub. Keep both out of any repository.",
            HelpName = "path",
            DefaultValueFactory = _ => "falcon-release.key",
        };
        var command = new Command(
            "keygen",
            "Create a release signing key pair (ECDSA P-256). The private key signs releases (falcon release sign, or ./build.sh publish with FALCON_RELEASE_KEY=<path>); the printed public line goes into every agent's agent.upgrade.publicKeys. Never overwrites a file.");
        command.Options.Add(output);
        command.SetAction(result => Run(result.GetValue(output)!, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(string path, TextWriter output, TextWriter error)
    {
        var publicPath = path + ".pub";
        if (File.Exists(path) || File.Exists(publicPath))
        {
            error.WriteLine($"falcon release keygen: {(File.Exists(path) ? path : publicPath)} exists; a release key is never overwritten (choose another --out)");
            return ExitCodes.Failed;
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        try
        {
            Write(path, key.ExportPkcs8PrivateKeyPem(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Write(publicPath, key.ExportSubjectPublicKeyInfoPem() + "\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"falcon release keygen: {e.Message}");
            return ExitCodes.Failed;
        }

        output.WriteLine($"private key: {path} (keep it secret and out of any repository; FALCON_RELEASE_KEY={path} ./build.sh publish signs with it)");
        output.WriteLine($"public key:  {publicPath} (key id {ReleaseKey.Id(key)})");
        output.WriteLine("for every agent's falcon.yaml (keep the old key listed until every agent has a release signed by this one):");
        output.WriteLine("agent:");
        output.WriteLine("  upgrade:");
        output.WriteLine($"    publicKeys: [\"{ReleaseKey.PublicLine(key)}\"]");
        return ExitCodes.Ok;
    }

    private static void Write(string path, string text, UnixFileMode mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        writer.Write(text);
    }
}
