using Falcon.Shared.Portal;
using Falcon.Shared.Portal.Audit;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace Falcon.Roles.Console.Config.People;

/// <summary>
/// Audit rows for what is not a configuration object: sign-ins and sign-outs (uic, kind "session"), and silences,
/// acknowledgements and agent upgrades (falcon_portal, kinds "silence", "ack", "upgrade"). These are written after the
/// action succeeded, in a transaction of their own: the action happened elsewhere (the alarm role, hbs, the alarms
/// database) and cannot be rolled back with the row. A row that cannot be written is logged as an error and the
/// action's answer stands, as refusing an action already done would only mislead the person.
/// </summary>
internal sealed class ActionAudit(FalconDatabases databases, TimeProvider timeProvider, ILoggerFactory loggerFactory)
{
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);
    private readonly ILogger _logger = loggerFactory.CreateLogger("Falcon.Console");

    public async Task RecordAsync(FalconDatabaseKind database, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // Not the request's token: a person closing the page after the action must not leave it unrecorded.
        using var timeout = new CancellationTokenSource(WriteTimeout);
        try
        {
            await using var connection = await databases.Get(database).OpenConnectionAsync(timeout.Token);
            await AuditLog.WriteAsync(connection, null, entry, timeProvider.GetUtcNow(), timeout.Token);
        }
        catch (Exception e) when (e is MySqlException or TimeoutException or OperationCanceledException or InvalidOperationException)
        {
            PeopleLog.AuditFailed(_logger, entry.Kind, entry.Action, entry.Object, entry.Actor, e.Message);
        }
    }
}
