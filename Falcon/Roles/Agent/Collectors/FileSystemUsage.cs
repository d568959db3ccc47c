namespace Falcon.Roles.Agent.Collectors;

/// <summary>Sizes of one mounted file system, in bytes and inodes.</summary>
internal readonly record struct FileSystemUsage(ulong TotalBytes, ulong FreeBytes, ulong AvailableBytes, ulong TotalInodes, ulong FreeInodes);
