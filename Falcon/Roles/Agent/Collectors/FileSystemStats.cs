using System.Runtime.InteropServices;

namespace Falcon.Roles.Agent.Collectors;

/// <summary>statvfs(3) through libc.</summary>
internal sealed class FileSystemStats : IFileSystemStats
{
    public static FileSystemStats Instance { get; } = new();

    public bool TryGet(string mountPoint, out FileSystemUsage usage)
    {
        usage = default;
        // The layout below is glibc's and musl's on 64-bit Linux; 32-bit hosts are not supported by the agent.
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess || StatVfs(mountPoint, out var s) != 0)
        {
            return false;
        }

        ulong unit = s.FragmentSize != 0 ? s.FragmentSize : s.BlockSize;
        usage = new FileSystemUsage(s.Blocks * unit, s.BlocksFree * unit, s.BlocksAvailable * unit, s.Files, s.FilesFree);
        return true;
    }

    [DllImport("libc", EntryPoint = "statvfs")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int StatVfs([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out StatVfsBuffer buffer);

    // glibc's struct is 112 bytes (11 longs and int __f_spare[6]), musl's the same; the size leaves room to spare. All
    // fields are blittable, so the runtime pins the struct instead of marshalling it (NativeAOT-safe).
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct StatVfsBuffer
    {
        public ulong BlockSize;
        public ulong FragmentSize;
        public ulong Blocks;
        public ulong BlocksFree;
        public ulong BlocksAvailable;
        public ulong Files;
        public ulong FilesFree;
        public ulong FilesAvailable;
        public ulong FileSystemId;
        public ulong Flags;
        public ulong MaxNameLength;
    }
}
