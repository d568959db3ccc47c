namespace Falcon.Roles.Agent.Upgrade;

/// <summary>Replaces the binary with a verified download, and puts the backup back; both by rename, so the binary is always whole.</summary>
internal static class BinarySwap
{
    /// <summary>Copies the running binary to the backup, then renames <paramref name="download"/> over the binary.</summary>
    public static void Replace(BinaryPaths paths, string download)
    {
        CopyInto(paths, paths.Binary, paths.Backup);
        // rename(2): a process starting the binary right now sees the old file or the new one, never a mix. The
        // running process keeps its old inode.
        File.Move(download, paths.Binary, overwrite: true);
    }

    /// <summary>Puts the backup in place of the binary; the backup itself stays.</summary>
    public static void Restore(BinaryPaths paths) => CopyInto(paths, paths.Backup, paths.Binary);

    private static void CopyInto(BinaryPaths paths, string source, string destination)
    {
        var temporary = paths.NewTemporary("copy");
        try
        {
            File.Copy(source, temporary);
            using (var handle = File.OpenHandle(temporary, FileMode.Open, FileAccess.ReadWrite))
            {
                RandomAccess.FlushToDisk(handle);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(source));
            }

            File.Move(temporary, destination, overwrite: true);
        }
        catch
        {
            BinaryDownloader.TryDelete(temporary);
            throw;
        }
    }
}
