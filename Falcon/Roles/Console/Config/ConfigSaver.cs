using Falcon.Roles.Console.Auth;
using Falcon.Shared.Portal;
using Falcon.Shared.Portal.Audit;
using MySqlConnector;

namespace Falcon.Roles.Console.Config;

/// <summary>
/// The one way the console changes configuration: in one transaction on the kind's database, read the object's JSON,
/// apply the change, read it again, and write an audit row when it differs; commit; then signal hbs and judges when
/// falcon_portal changed. A <see cref="ConfigValidationException"/> from the change rolls everything back.
/// </summary>
internal sealed class ConfigSaver(FalconDatabases databases, ConfigChangeSignal signal, TimeProvider timeProvider)
{
    /// <summary>
    /// Runs <paramref name="change"/> on <paramref name="name"/> of <paramref name="kind"/>, audited as
    /// <paramref name="action"/>. <paramref name="auditName"/> is the object's name after the change (a rename), when
    /// it differs. Returns the JSON after the change (null when deleted) and whether anything changed.
    /// </summary>
    public async Task<(string? Json, bool Changed)> SaveAsync(
        IConfigKind kind, string name, string action, ConsoleCaller caller,
        Func<MySqlConnection, MySqlTransaction, Task> change, CancellationToken cancellationToken,
        string? auditName = null, string summary = "")
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(change);
        string? after;
        bool changed;
        await using (var connection = await databases.Get(kind.Database).OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var before = await kind.ReadAsync(connection, transaction, name, cancellationToken);
            await change(connection, transaction);
            var newName = auditName ?? name;
            after = await kind.ReadAsync(connection, transaction, newName, cancellationToken);
            changed = !string.Equals(before, after, StringComparison.Ordinal);
            if (changed)
            {
                var entry = new AuditEntry(caller.Name, action, kind.Kind, newName, before, after, summary);
                await AuditLog.WriteAsync(connection, transaction, entry, timeProvider.GetUtcNow(), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        if (changed && kind.Database == FalconDatabaseKind.Portal)
        {
            await signal.PublishChangedAsync($"{kind.Kind} {auditName ?? name}", cancellationToken);
        }

        return (after, changed);
    }

    /// <summary>Makes <paramref name="name"/> equal <paramref name="json"/> through the kind itself (restore, import).</summary>
    public Task<(string? Json, bool Changed)> PutAsync(IConfigKind kind, string name, string? json, string action, ConsoleCaller caller, CancellationToken cancellationToken) =>
        SaveAsync(kind, name, action, caller, (connection, transaction) => kind.WriteAsync(connection, transaction, name, json, caller.Name, cancellationToken), cancellationToken);
}
