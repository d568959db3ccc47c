namespace Falcon.Roles.Agent.Upgrade;

/// <summary>A complete download in a temporary file beside the binary, with the checksums of its unpacked bytes.</summary>
internal sealed record DownloadedBinary(string Path, long Length, long WireLength, string Sha256, string Md5);
