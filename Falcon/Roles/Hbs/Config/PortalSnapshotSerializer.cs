using System.Text.Json;

namespace Falcon.Roles.Hbs.Config;

/// <summary>Turns a <see cref="PortalSnapshot"/> into bytes for Redis and back.</summary>
internal static class PortalSnapshotSerializer
{
    /// <summary>UTF-8 JSON of the snapshot, stamped with <see cref="PortalSnapshot.CurrentFormatVersion"/>.</summary>
    public static byte[] Serialize(PortalSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.FormatVersion != PortalSnapshot.CurrentFormatVersion)
        {
            throw new ArgumentException($"snapshot has format version {snapshot.FormatVersion}; this build writes {PortalSnapshot.CurrentFormatVersion}", nameof(snapshot));
        }

        return JsonSerializer.SerializeToUtf8Bytes(snapshot, PortalSnapshotJsonContext.Default.PortalSnapshot);
    }

    /// <summary>Reads bytes written by <see cref="Serialize"/>; throws <see cref="PortalSnapshotFormatException"/> on anything else.</summary>
    public static PortalSnapshot Deserialize(ReadOnlySpan<byte> bytes)
    {
        PortalSnapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize(bytes, PortalSnapshotJsonContext.Default.PortalSnapshot);
        }
        catch (JsonException e)
        {
            throw new PortalSnapshotFormatException($"portal snapshot is not valid JSON: {e.Message}", e);
        }

        if (snapshot is null)
        {
            throw new PortalSnapshotFormatException("portal snapshot is null");
        }

        if (snapshot.FormatVersion != PortalSnapshot.CurrentFormatVersion)
        {
            throw new PortalSnapshotFormatException($"portal snapshot has format version {snapshot.FormatVersion}; this build reads {PortalSnapshot.CurrentFormatVersion}");
        }

        return snapshot;
    }
}
