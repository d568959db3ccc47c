using System.Globalization;
using System.Text.Json;
using Falcon.Shared.Portal;
using Falcon.Roles.Console.Config.Rules;
using MySqlConnector;

namespace Falcon.Roles.Console.Config.Groups;

/// <summary>
/// A host's maintenance window (kind "host"): host.maintain_begin and maintain_end, during which hbs serves the host
/// no strategies, so it raises no alarms. The console never creates or deletes host rows through this kind (agents
/// and a CMDB do): writing null clears the window, and a host without a row cannot be written.
/// </summary>
internal sealed class HostKind(FalconDatabases databases) : IConfigKind
{
    private static readonly string[] HostTables = ["host"];

    public string Kind => "host";

    public FalconDatabaseKind Database => FalconDatabaseKind.Portal;

    /// <summary>Hosts with a maintenance window set (what there is to export); other hosts hold nothing the console owns.</summary>
    public async Task<IReadOnlyList<string>> NamesAsync(MySqlConnection connection, MySqlTransaction? transaction, CancellationToken cancellationToken) =>
        await RulesSql.TextsAsync(connection, transaction, "SELECT hostname FROM host WHERE maintain_end <> 0 OR maintain_begin <> 0 ORDER BY hostname", cancellationToken);

    public async Task<string?> ReadAsync(MySqlConnection connection, MySqlTransaction transaction, string name, CancellationToken cancellationToken)
    {
        var document = await ReadDocumentAsync(connection, transaction, name, cancellationToken);
        return document is null ? null : JsonSerializer.Serialize(document, GroupsJsonContext.Default.HostDocument);
    }

    public async Task<HostDocument?> ReadDocumentAsync(MySqlConnection connection, MySqlTransaction? transaction, string name, CancellationToken cancellationToken)
    {
        if (ConfigText.HasFourByte(name) && !await databases.Portal.HoldsFourByteAsync(HostTables, cancellationToken))
        {
            return null; // the utf8 column cannot hold such a name, and comparing with it is an error
        }

        await using var command = new MySqlCommand("SELECT hostname, maintain_begin, maintain_end FROM host WHERE hostname = @name ORDER BY id LIMIT 1", connection, transaction);
        command.Parameters.AddWithValue("@name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new HostDocument
            {
                Name = reader.GetString(0),
                MaintainBegin = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture),
                MaintainEnd = Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture),
            }
            : null;
    }

    public async Task WriteAsync(MySqlConnection connection, MySqlTransaction transaction, string name, string? json, string actor, CancellationToken cancellationToken)
    {
        HostDocument document;
        try
        {
            document = json is null
                ? new HostDocument { Name = name }
                : JsonSerializer.Deserialize(json, GroupsJsonContext.Default.HostDocument) ?? throw new ConfigValidationException("name", "the host's JSON is null");
        }
        catch (JsonException e)
        {
            throw new ConfigValidationException("name", "not a host's JSON {\"name\",\"maintainBegin\",\"maintainEnd\"}: " + e.Message);
        }

        if (document.MaintainBegin < 0 || document.MaintainEnd < 0 || document.MaintainBegin > uint.MaxValue || document.MaintainEnd > uint.MaxValue)
        {
            throw new ConfigValidationException("begin", "a maintenance window is two unix times in seconds");
        }

        if (document.MaintainEnd < document.MaintainBegin)
        {
            throw new ConfigValidationException("end", "the maintenance window ends before it begins");
        }

        if (await ReadDocumentAsync(connection, transaction, name, cancellationToken) is null)
        {
            throw new ConfigValidationException("name", $"no host named '{name}' (hosts appear when their agent reports, or are added to a group)");
        }

        await using var command = new MySqlCommand("UPDATE host SET maintain_begin = @begin, maintain_end = @end WHERE hostname = @name", connection, transaction);
        command.Parameters.AddWithValue("@begin", document.MaintainBegin);
        command.Parameters.AddWithValue("@end", document.MaintainEnd);
        command.Parameters.AddWithValue("@name", name);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
