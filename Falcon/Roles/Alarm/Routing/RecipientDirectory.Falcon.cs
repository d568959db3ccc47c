using System.Globalization;
using MySqlConnector;

namespace Falcon.Roles.Alarm.Routing;

// Falcon's own tables beside open-falcon's action (migration 017). A database not migrated yet (error 1146, no such
// table) reads as open-falcon behaves: every channel on, no escalation.
internal sealed partial class RecipientDirectory
{
    private static async Task<ActionChannels> ChannelsAsync(MySqlConnection portal, long actionId, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SELECT phone, im, group_chat FROM falcon_action_channel WHERE action_id = @id", portal);
        command.Parameters.AddWithValue("@id", actionId);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new ActionChannels(Flag(reader, 0), Flag(reader, 1), Flag(reader, 2))
                : ActionChannels.AllOn;
        }
        catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.NoSuchTable)
        {
            return ActionChannels.AllOn;
        }
    }

    private static async Task<IReadOnlyList<(int Step, int AfterMinutes, string Uic)>> EscalationRowsAsync(
        MySqlConnection portal, long actionId, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(
            "SELECT step, after_minutes, uic FROM falcon_action_escalation WHERE action_id = @id ORDER BY step, after_minutes", portal);
        command.Parameters.AddWithValue("@id", actionId);
        var rows = new List<(int, int, string)>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((Number(reader, 0), Number(reader, 1), reader.IsDBNull(2) ? "" : reader.GetString(2)));
            }
        }
        catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.NoSuchTable)
        {
            return [];
        }

        return rows;
    }

    private async Task<IReadOnlyList<EscalationStep>> EscalationsAsync(
        IReadOnlyList<(int Step, int AfterMinutes, string Uic)> rows, CancellationToken cancellationToken)
    {
        var steps = new List<EscalationStep>(rows.Count);
        foreach (var (step, afterMinutes, uic) in rows)
        {
            var teams = Teams(uic);
            steps.Add(new EscalationStep(step, afterMinutes, teams, teams.Length == 0 ? [] : await UsersAsync(teams, cancellationToken)));
        }

        return steps;
    }

    private static bool Flag(MySqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) || Number(reader, ordinal) != 0;

    private static int Number(MySqlDataReader reader, int ordinal) =>
        Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
