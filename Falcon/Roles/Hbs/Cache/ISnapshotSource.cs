namespace Falcon.Roles.Hbs.Cache;

/// <summary>Loads the whole cached configuration from its database as one opaque, serialised payload.</summary>
internal interface ISnapshotSource
{
    /// <summary>Reads the tables now; throws when the database cannot be read (never returns partial data).</summary>
    Task<byte[]> LoadAsync(CancellationToken cancellationToken);
}
