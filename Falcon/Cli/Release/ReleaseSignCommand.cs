using System.CommandLine;
using System.Security.Cryptography;
using Falcon.Shared.Releases;

namespace Falcon.Cli.Release;

/// <summary>`falcon release sign`: writes `&lt;file&gt;.sig`, the signature agents verify before running a download.</summary>
internal static class ReleaseSignCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The binary to sign, exactly as agents run it (bin_<version>, not its .gz)." };
        var key = new Option<string>("--key")
        {
            Description = $"The private key (from falcon release keygen). Default: the path in ${ReleaseCommand.KeyVariable}.",
            HelpName = "path",
        };
        var command = new Command("sign", "Sign a release binary: writes <file>.sig (base64 DER ECDSA P-256 over its SHA-256), which the download server serves beside the binary.");
        command.Arguments.Add(file);
        command.Options.Add(key);
        command.SetAction(result => Run(
            result.GetValue(file)!,
            result.GetValue(key) is { Length: > 0 } path ? path : Environment.GetEnvironmentVariable(ReleaseCommand.KeyVariable),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(string file, string? keyPath, TextWriter output, TextWriter error)
    {
        if (string.IsNullOrEmpty(keyPath))
        {
            error.WriteLine($"falcon release sign: no key; give --key <path> or set {ReleaseCommand.KeyVariable} (make one with falcon release keygen)");
            return ExitCodes.Usage;
        }

        try
        {
            using var key = ReleaseKey.ParsePrivate(File.ReadAllText(keyPath));
            string signature;
            using (var binary = File.OpenRead(file))
            {
                signature = ReleaseSignature.Sign(key, binary);
            }

            File.WriteAllText(file + ".sig", signature);
            output.WriteLine($"{file}.sig: signed by release key {ReleaseKey.Id(key)}");
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or CryptographicException)
        {
            error.WriteLine($"falcon release sign: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
