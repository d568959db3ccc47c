using Falcon.Shared.Portal;
using MySqlConnector;

namespace Falcon.Roles.Console.Config.Rules;

/// <summary>
/// Reads and writes an action with its group chats, channel switches and escalation steps. action.uic holds the team
/// names joined by commas, as open-falcon's api and dashboard store them; the teams must exist in uic.
/// </summary>
internal sealed class ActionStore(FalconDatabases databases)
{
    public const int UicMax = 255;
    public const int UrlMax = 255;
    public const int ChatMax = 512;
    public const int EscalationsMax = 10;

    public static async Task<ActionDocument?> ReadAsync(MySqlConnection connection, MySqlTransaction? transaction, long actionId, CancellationToken cancellationToken)
    {
        if (actionId <= 0)
        {
            return null;
        }

        ActionDocument action;
        await using (var command = RulesSql.Command(connection, transaction,
            "SELECT uic, url, callback, before_callback_sms, before_callback_mail, after_callback_sms, after_callback_mail FROM action WHERE id = @id", ("@id", actionId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            action = new ActionDocument
            {
                Teams = SplitTeams(RulesSql.Text(reader, 0)),
                Url = RulesSql.Text(reader, 1),
                Callback = RulesSql.Int(reader, 2) != 0,
                BeforeCallbackSms = RulesSql.Int(reader, 3) != 0,
                BeforeCallbackMail = RulesSql.Int(reader, 4) != 0,
                AfterCallbackSms = RulesSql.Int(reader, 5) != 0,
                AfterCallbackMail = RulesSql.Int(reader, 6) != 0,
            };
        }

        action.GroupChats = await RulesSql.TextsAsync(connection, transaction, "SELECT chat FROM action_im_group WHERE action_id = @id ORDER BY id", cancellationToken, ("@id", actionId));
        await using (var command = RulesSql.Command(connection, transaction, "SELECT phone, im, group_chat FROM falcon_action_channel WHERE action_id = @id", ("@id", actionId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                action.Phone = RulesSql.Int(reader, 0) != 0;
                action.Im = RulesSql.Int(reader, 1) != 0;
                action.GroupChat = RulesSql.Int(reader, 2) != 0;
            }
        }

        await using (var command = RulesSql.Command(connection, transaction, "SELECT after_minutes, uic FROM falcon_action_escalation WHERE action_id = @id ORDER BY step", ("@id", actionId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                action.Escalations.Add(new EscalationDocument { AfterMinutes = RulesSql.Int(reader, 0), Teams = SplitTeams(RulesSql.Text(reader, 1)) });
            }
        }

        return action;
    }

    /// <summary>
    /// Checks <paramref name="action"/> and puts it in its canonical form: team names as uic spells them, text trimmed.
    /// Field names are prefixed with <paramref name="prefix"/> (e.g. "action.") where the action sits inside another form.
    /// </summary>
    public async Task CheckAsync(ActionDocument action, string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        action.Teams = await CanonicalTeamsAsync(action.Teams, prefix + "teams", cancellationToken);
        RuleFields.CheckLength(prefix + "teams", string.Join(',', action.Teams), UicMax, "the teams to notify, as uic names them");
        action.Url = (action.Url ?? "").Trim();
        if (action.Url.Length > 0 && !(Uri.TryCreate(action.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            throw new ConfigValidationException(prefix + "url", $"url '{action.Url}' is not an http(s) address: the callback the alarm role calls, e.g. http://ops.example.com/falcon-callback");
        }

        RuleFields.CheckLength(prefix + "url", action.Url, UrlMax, "the callback address");
        if (action.Callback && action.Url.Length == 0)
        {
            throw new ConfigValidationException(prefix + "url", "callback is on but url is empty: give the address the alarm role calls");
        }

        action.GroupChats = action.GroupChats.Select(static c => (c ?? "").Trim()).Where(static c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chat in action.GroupChats)
        {
            RuleFields.CheckLength(prefix + "groupChats", chat, ChatMax, "a group chat id or bot webhook address");
        }

        if (action.Escalations.Count > EscalationsMax)
        {
            throw new ConfigValidationException(prefix + "escalations", $"at most {EscalationsMax} escalation steps");
        }

        var previous = 0;
        foreach (var step in action.Escalations)
        {
            if (step.AfterMinutes <= previous)
            {
                throw new ConfigValidationException(prefix + "escalations", previous == 0
                    ? $"afterMinutes {step.AfterMinutes}: a step waits 1 minute or more, e.g. 30: notify the next teams when a case stays unacknowledged for 30 minutes"
                    : $"afterMinutes {step.AfterMinutes}: each step must wait longer than the one before ({previous})");
            }

            previous = step.AfterMinutes;
            step.Teams = await CanonicalTeamsAsync(step.Teams, prefix + "escalations", cancellationToken);
            if (step.Teams.Count == 0)
            {
                throw new ConfigValidationException(prefix + "escalations", $"the step after {step.AfterMinutes} minutes names no team to notify");
            }

            RuleFields.CheckLength(prefix + "escalations", string.Join(',', step.Teams), UicMax, "the teams of an escalation step");
        }

        await TextColumns.CheckAsync(databases.Portal, "action", cancellationToken, (prefix + "url", action.Url));
    }

    /// <summary>Makes action <paramref name="actionId"/> (0: none yet) equal <paramref name="action"/>; answers its id (0 when removed).</summary>
    public static async Task<long> WriteAsync(MySqlConnection connection, MySqlTransaction transaction, long actionId, ActionDocument? action, CancellationToken cancellationToken)
    {
        if (action is null)
        {
            if (actionId > 0)
            {
                foreach (var table in new[] { "action_im_group", "falcon_action_channel", "falcon_action_escalation" })
                {
                    await RulesSql.ExecuteAsync(connection, transaction, $"DELETE FROM {table} WHERE action_id = @id", cancellationToken, ("@id", actionId));
                }

                await RulesSql.ExecuteAsync(connection, transaction, "DELETE FROM action WHERE id = @id", cancellationToken, ("@id", actionId));
            }

            return 0;
        }

        (string, object?)[] values =
        [
            ("@uic", string.Join(',', action.Teams)), ("@url", action.Url), ("@cb", action.Callback ? 1 : 0),
            ("@bs", action.BeforeCallbackSms ? 1 : 0), ("@bm", action.BeforeCallbackMail ? 1 : 0),
            ("@as", action.AfterCallbackSms ? 1 : 0), ("@am", action.AfterCallbackMail ? 1 : 0), ("@id", actionId),
        ];
        var updated = actionId > 0 && await RulesSql.ExecuteAsync(connection, transaction,
            "UPDATE action SET uic = @uic, url = @url, callback = @cb, before_callback_sms = @bs, before_callback_mail = @bm, after_callback_sms = @as, after_callback_mail = @am WHERE id = @id",
            cancellationToken, values) > 0
            || (actionId > 0 && await RulesSql.NumberAsync(connection, transaction, "SELECT id FROM action WHERE id = @id", cancellationToken, ("@id", actionId)) is not null);
        if (!updated)
        {
            actionId = await RulesSql.InsertAsync(connection, transaction,
                "INSERT INTO action (uic, url, callback, before_callback_sms, before_callback_mail, after_callback_sms, after_callback_mail) VALUES (@uic, @url, @cb, @bs, @bm, @as, @am)",
                cancellationToken, values);
        }

        await RulesSql.ExecuteAsync(connection, transaction, "DELETE FROM action_im_group WHERE action_id = @id", cancellationToken, ("@id", actionId));
        foreach (var chat in action.GroupChats)
        {
            await RulesSql.ExecuteAsync(connection, transaction, "INSERT INTO action_im_group (action_id, chat) VALUES (@id, @chat)", cancellationToken, ("@id", actionId), ("@chat", chat));
        }

        // No row means every channel on (open-falcon's behaviour), so a row exists only when one is off.
        await RulesSql.ExecuteAsync(connection, transaction, "DELETE FROM falcon_action_channel WHERE action_id = @id", cancellationToken, ("@id", actionId));
        if (!(action.Phone && action.Im && action.GroupChat))
        {
            await RulesSql.ExecuteAsync(connection, transaction, "INSERT INTO falcon_action_channel (action_id, phone, im, group_chat) VALUES (@id, @phone, @im, @chat)", cancellationToken,
                ("@id", actionId), ("@phone", action.Phone ? 1 : 0), ("@im", action.Im ? 1 : 0), ("@chat", action.GroupChat ? 1 : 0));
        }

        await RulesSql.ExecuteAsync(connection, transaction, "DELETE FROM falcon_action_escalation WHERE action_id = @id", cancellationToken, ("@id", actionId));
        for (var i = 0; i < action.Escalations.Count; i++)
        {
            var step = action.Escalations[i];
            await RulesSql.ExecuteAsync(connection, transaction, "INSERT INTO falcon_action_escalation (action_id, step, after_minutes, uic) VALUES (@id, @step, @after, @uic)", cancellationToken,
                ("@id", actionId), ("@step", i + 1), ("@after", step.AfterMinutes), ("@uic", string.Join(',', step.Teams)));
        }

        return actionId;
    }

    // open-falcon splits action.uic on commas; spaces around names are not part of them.
    private static List<string> SplitTeams(string uic) =>
        uic.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private async Task<List<string>> CanonicalTeamsAsync(List<string>? teams, string field, CancellationToken cancellationToken)
    {
        var wanted = (teams ?? []).Select(static t => (t ?? "").Trim()).Where(static t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var comma = wanted.FirstOrDefault(static t => t.Contains(',', StringComparison.Ordinal));
        if (comma is not null)
        {
            throw new ConfigValidationException(field, $"team '{comma}': a team name cannot hold a comma (action.uic joins names with commas)");
        }

        var (list, parameters) = RulesSql.InList(wanted);
        await using var connection = await databases.Uic.OpenConnectionAsync(cancellationToken);
        var known = await RulesSql.TextsAsync(connection, null, $"SELECT name FROM team WHERE name IN ({list})", cancellationToken, parameters);
        var result = new List<string>(wanted.Count);
        foreach (var name in wanted)
        {
            var found = known.FirstOrDefault(k => string.Equals(k, name, StringComparison.Ordinal))
                ?? known.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (found is null)
            {
                throw new ConfigValidationException(field, $"team '{name}' does not exist in uic: create it on the Teams page first, or pick one of the existing teams");
            }

            result.Add(found);
        }

        return result;
    }
}
