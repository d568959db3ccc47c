namespace Falcon.Roles.Agent.Collectors;

/// <summary>statvfs(3) of a mount point; a seam so df can be tested on recorded /proc/mounts files.</summary>
internal interface IFileSystemStats
{
    bool TryGet(string mountPoint, out FileSystemUsage usage);
}
