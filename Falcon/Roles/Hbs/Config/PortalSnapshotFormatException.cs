namespace Falcon.Roles.Hbs.Config;

/// <summary>Bytes that are not a snapshot this build can read: bad JSON, a missing list, or another format version.</summary>
internal sealed class PortalSnapshotFormatException : Exception
{
    public PortalSnapshotFormatException()
    {
    }

    public PortalSnapshotFormatException(string message)
        : base(message)
    {
    }

    public PortalSnapshotFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
