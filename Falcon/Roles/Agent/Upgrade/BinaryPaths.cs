namespace Falcon.Roles.Agent.Upgrade;

/// <summary>The files of a self-upgrade, all in the binary's directory so every rename is atomic on one file system.</summary>
internal sealed class BinaryPaths
{
    public BinaryPaths(string binary)
    {
        Binary = Path.GetFullPath(binary);
        Directory = Path.GetDirectoryName(Binary) ?? "/";
        Backup = Binary + ".bak";
        Marker = Binary + ".upgrade";
    }

    public string Binary { get; }

    public string Directory { get; }

    /// <summary>The binary that ran before the last upgrade; the watchdog restores it.</summary>
    public string Backup { get; }

    /// <summary>Written before the swap; the new binary counts its starts in it until its first successful heartbeat.</summary>
    public string Marker { get; }

    /// <summary>A fresh hidden file beside the binary, for a download or a copy that is renamed into place once complete.</summary>
    public string NewTemporary(string purpose) =>
        Path.Combine(Directory, $".{Path.GetFileName(Binary)}.{purpose}-{Guid.NewGuid():N}");

    public static BinaryPaths FromOptions(SelfUpgradeOptions options) =>
        new(options.BinaryPath.Length > 0
            ? options.BinaryPath
            : Environment.ProcessPath ?? throw new InvalidOperationException("the path of the running executable is unknown; set agent.upgrade.binaryPath"));
}
