namespace Falcon.Roles.Agent.Collectors;

/// <summary>One mount df reports.</summary>
internal readonly record struct MountEntry(string Device, string MountPoint, string FsType);
