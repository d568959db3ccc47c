using MySqlConnector;

namespace Falcon.Shared.Portal.Audit;

/// <summary>
/// Writes <c>falcon_audit</c> rows (migrations 017 for falcon_portal, 018 for uic). A configuration change calls
/// <see cref="WriteAsync"/> on the connection and transaction of the change itself, so the change and its record
/// commit together or not at all.
/// </summary>
internal static class AuditLog
{
    public const int ObjectMax = 255;
    public const int SummaryMax = 1024;

    public static async Task<long> WriteAsync(MySqlConnection connection, MySqlTransaction? transaction, AuditEntry entry, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = new MySqlCommand(
            "INSERT INTO falcon_audit (at, actor, action, kind, object, old_value, new_value, summary) " +
            "VALUES (@at, @actor, @action, @kind, @object, @old, @new, @summary)", connection, transaction);
        command.Parameters.AddWithValue("@at", at.UtcDateTime);
        command.Parameters.AddWithValue("@actor", Clip(entry.Actor, 64));
        command.Parameters.AddWithValue("@action", Clip(entry.Action, 32));
        command.Parameters.AddWithValue("@kind", Clip(entry.Kind, 32));
        command.Parameters.AddWithValue("@object", Clip(entry.Object, ObjectMax));
        command.Parameters.AddWithValue("@old", (object?)entry.OldValue ?? DBNull.Value);
        command.Parameters.AddWithValue("@new", (object?)entry.NewValue ?? DBNull.Value);
        command.Parameters.AddWithValue("@summary", Clip(entry.Summary, SummaryMax));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return command.LastInsertedId;
    }

    // The columns are bounded; a long name is cut rather than failing the change it records.
    private static string Clip(string value, int max) => value.Length <= max ? value : value[..max];
}
