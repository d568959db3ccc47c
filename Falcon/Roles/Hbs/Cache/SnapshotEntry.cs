namespace Falcon.Roles.Hbs.Cache;

/// <summary>One installed configuration snapshot: the serialised payload and where and when it was made.</summary>
internal sealed class SnapshotEntry
{
    public SnapshotEntry(long generation, DateTimeOffset createdAt, ReadOnlyMemory<byte> payload, SnapshotOrigin origin)
    {
        Generation = generation;
        CreatedAt = createdAt;
        Payload = payload;
        Origin = origin;
        Checksum = SnapshotCodec.Checksum(payload.Span);
    }

    /// <summary>The published generation (from Redis INCR); 0 for a snapshot this instance loaded without publishing.</summary>
    public long Generation { get; }

    /// <summary>When the database was read for it (before the query started), by the loading instance's clock.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>The payload exactly as <see cref="ISnapshotSource.LoadAsync"/> returned it.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    public SnapshotOrigin Origin { get; }

    /// <summary>XxHash64 of the payload: equal checksums mean the same data, so a subscriber can skip rebuilding.</summary>
    public ulong Checksum { get; }

    public TimeSpan AgeAt(DateTimeOffset now) => now - CreatedAt;

    public override string ToString() => $"generation {Generation} from {Origin}, created {CreatedAt:O}, {Payload.Length} bytes";
}
