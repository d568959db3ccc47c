using Falcon.Shared.Portal;

namespace Falcon.Roles.Console.Config.Groups;

/// <summary>
/// Whether tables hold 4-byte characters, asked on a connection of its own: the saver's connection has a transaction
/// open, and MySqlConnector refuses a command on it that is not part of that transaction (which
/// <see cref="FourByteTables"/>' own lookup is not).
/// </summary>
internal static class Utf8Columns
{
    public static async ValueTask<bool> HoldFourByteAsync(FalconDatabase database, string[] tables, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await database.FourByteTables.HoldAsync(connection, tables, cancellationToken);
    }
}
