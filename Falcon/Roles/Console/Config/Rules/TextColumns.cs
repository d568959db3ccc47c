using Falcon.Shared.Portal;

namespace Falcon.Roles.Console.Config.Rules;

/// <summary>
/// Refuses 4-byte characters (emoji and the like) for a table that cannot store them: open-falcon's tables are utf8
/// until `falcon db migrate --utf8mb4` converts them, and MySQL would otherwise cut or mangle the text.
/// </summary>
internal static class TextColumns
{
    public static async Task CheckAsync(FalconDatabase database, string table, CancellationToken cancellationToken, params (string Field, string? Value)[] values)
    {
        var first = values.FirstOrDefault(static v => v.Value is not null && v.Value.Any(char.IsSurrogate));
        if (first.Field is null)
        {
            return;
        }

        if (!await database.HoldsFourByteAsync([table], cancellationToken))
        {
            throw new ConfigValidationException(first.Field,
                $"{first.Field} holds a character such as an emoji that the utf8 table {table} cannot store: leave it out, or convert the tables with `falcon db migrate --utf8mb4`");
        }
    }
}
