using System.CommandLine;

namespace Falcon.Cli.Release;

/// <summary>`falcon release keygen|sign`: the release key that agents check upgrades against (docs/upgrades.md).</summary>
internal static class ReleaseCommand
{
    /// <summary>Where `sign` (and `./build.sh publish`) find the private key when --key is not given.</summary>
    public const string KeyVariable = "FALCON_RELEASE_KEY";

    public static Command Create() => new("release", "Release signing: make the key pair agents trust (keygen) and sign a binary with it (sign); ./build.sh publish signs when FALCON_RELEASE_KEY is set.")
    {
        ReleaseKeygenCommand.Create(),
        ReleaseSignCommand.Create(),
    };
}
