using System.Globalization;
using Falcon.Shared.Portal;
using MySqlConnector;

namespace Falcon.Roles.Console.Api;

/// <summary>
/// Acknowledgements as open-falcon's api wrote them: an alarms.event_note row (the case id, the note, the status, the
/// uic user id) and, in the same transaction, event_cases.process_status / process_note pointing at it. Acknowledged is
/// the status "in progress"; withdrawing writes "unresolved". open-falcon's alarm resets a resolved or ignored case to
/// unresolved when it fires again, and Falcon's alarm role does the same.
/// </summary>
internal sealed class AckStore(FalconDatabases databases)
{
    public const string Acknowledged = "in progress";
    public const string Unresolved = "unresolved";

    /// <summary>Writes the note and the case's status; false when there is no such case.</summary>
    public async Task<bool> SetAsync(string caseId, long userId, string status, string note, CancellationToken cancellationToken)
    {
        await using var connection = await databases.Alarms.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long noteId;
        await using (var insert = new MySqlCommand(
            "INSERT INTO event_note (event_caseId, note, case_id, status, `timestamp`, user_id) SELECT id, @note, '', @status, NOW(), @uid FROM event_cases WHERE id = @id",
            connection, transaction))
        {
            insert.Parameters.AddWithValue("@note", note);
            insert.Parameters.AddWithValue("@status", status);
            insert.Parameters.AddWithValue("@uid", userId == 0 ? null : userId);
            insert.Parameters.AddWithValue("@id", caseId);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }

            noteId = insert.LastInsertedId;
        }

        await using (var update = new MySqlCommand("UPDATE event_cases SET process_status = @status, process_note = @note WHERE id = @id", connection, transaction))
        {
            update.Parameters.AddWithValue("@status", status);
            update.Parameters.AddWithValue("@note", noteId);
            update.Parameters.AddWithValue("@id", caseId);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The case's notes, newest first, with the names of who wrote them.</summary>
    public async Task<IReadOnlyList<CaseNote>> NotesAsync(string caseId, CancellationToken cancellationToken)
    {
        var rows = new List<(string Note, string Status, DateTimeOffset At, long UserId)>();
        await using (var connection = await databases.Alarms.OpenConnectionAsync(cancellationToken))
        await using (var command = new MySqlCommand(
            "SELECT note, status, UNIX_TIMESTAMP(`timestamp`), user_id FROM event_note WHERE event_caseId = @id ORDER BY id DESC LIMIT 100", connection))
        {
            command.Parameters.AddWithValue("@id", caseId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((
                    reader.IsDBNull(0) ? "" : reader.GetString(0),
                    reader.IsDBNull(1) ? "" : reader.GetString(1),
                    reader.IsDBNull(2) ? default : DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture)),
                    reader.IsDBNull(3) ? 0 : Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture)));
            }
        }

        // uic is another database (maybe another connection string): names are looked up there.
        var names = new Dictionary<long, string>();
        var ids = rows.Select(r => r.UserId).Where(id => id > 0).Distinct().ToArray();
        if (ids.Length > 0)
        {
            await using var uic = await databases.Uic.OpenConnectionAsync(cancellationToken);
            await using var command = new MySqlCommand($"SELECT id, name FROM user WHERE id IN ({string.Join(',', ids)})", uic);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                names[Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture)] = reader.GetString(1);
            }
        }

        return rows.Select(r => new CaseNote(r.Note, r.Status, r.At, r.UserId == 0 ? "admin-token" : names.GetValueOrDefault(r.UserId, $"user {r.UserId}"))).ToArray();
    }
}
