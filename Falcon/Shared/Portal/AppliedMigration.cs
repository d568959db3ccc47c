namespace Falcon.Shared.Portal;

/// <summary>A migration that a <see cref="SchemaMigrator"/> run applied to the named database.</summary>
internal sealed record AppliedMigration(FalconDatabaseKind Kind, string Database, string Id);
