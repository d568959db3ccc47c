namespace Falcon.Shared.Portal;

/// <summary>
/// One numbered schema script for one database, e.g. <c>002_falcon_portal</c>. Its statements may use
/// the placeholders <c>{uic}</c>, <c>{falcon_portal}</c> and <c>{alarms}</c> for the configured database names.
/// </summary>
internal sealed record Migration(string Id, int Number, FalconDatabaseKind Database, IReadOnlyList<string> Statements);
