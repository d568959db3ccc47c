using System.Globalization;
using MySqlConnector;

namespace Falcon.Shared.Portal.Sessions;

/// <summary>Looks up open-falcon's login sessions (uic.session joined to uic.user), as the api does for an Apitoken.</summary>
internal static class UicSessions
{
    /// <summary>The newest session with <paramref name="sig"/> of user <paramref name="name"/>, or null when there is none.</summary>
    public static async Task<UicSession?> FindAsync(FalconDatabases databases, string name, string sig, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(databases);
        await using var uic = await databases.Uic.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand(
            "SELECT u.id, u.role, s.expired FROM session s JOIN user u ON u.id = s.uid WHERE s.sig = @sig AND u.name = @name ORDER BY s.expired DESC LIMIT 1",
            uic);
        command.Parameters.AddWithValue("@sig", sig);
        command.Parameters.AddWithValue("@name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new UicSession(
            Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
            Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture),
            Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture));
    }

    /// <summary>Enough of a sig to tell sessions apart in a message, not enough to use it.</summary>
    public static string Mask(string sig) => sig.Length <= 4 ? "****" : sig[..4] + "****";
}
