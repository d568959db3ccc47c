using Falcon.Shared.Portal;
using MySqlConnector;

namespace Falcon.Roles.Console.Config.Portal;

/// <summary>
/// Reads every object of every kind, by name, into a <see cref="PortalDocument"/>: the kinds in file order, objects
/// in name order (templates after their parents). Each database is read in one transaction, so the file is one
/// consistent moment of it. Password hashes only with <c>withSecrets</c>.
/// </summary>
internal sealed class PortalExporter(FalconDatabases databases, IReadOnlyList<IConfigKind> kinds)
{
    public async Task<PortalDocument> ExportAsync(bool withSecrets, CancellationToken cancellationToken)
    {
        var open = new Dictionary<FalconDatabaseKind, (MySqlConnection Connection, MySqlTransaction Transaction)>();
        try
        {
            var sections = new List<PortalSection>();
            foreach (var kind in kinds)
            {
                if (!open.TryGetValue(kind.Database, out var session))
                {
                    var connection = await databases.Get(kind.Database).OpenConnectionAsync(cancellationToken);
                    session = (connection, await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken));
                    open[kind.Database] = session;
                }

                sections.Add(new PortalSection(ConfigKinds.SectionOf(kind.Kind), await ReadKindAsync(kind, session.Connection, session.Transaction, withSecrets, cancellationToken)));
            }

            return new PortalDocument(sections);
        }
        finally
        {
            foreach (var (connection, transaction) in open.Values)
            {
                await transaction.DisposeAsync();
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task<List<PortalObject>> ReadKindAsync(IConfigKind kind, MySqlConnection connection, MySqlTransaction transaction, bool withSecrets, CancellationToken cancellationToken)
    {
        var objects = new List<(string Name, string Json)>();
        foreach (var name in await kind.NamesAsync(connection, transaction, cancellationToken))
        {
            if (await kind.ReadAsync(connection, transaction, name, cancellationToken) is not { } json)
            {
                continue;
            }

            if (withSecrets && kind.Kind == "user")
            {
                json = UserSecrets.With(json, await UserSecrets.ReadAsync(connection, transaction, name, cancellationToken) ?? "");
            }

            objects.Add((name, json));
        }

        if (kind.Kind == "template")
        {
            objects = ConfigObjectNames.ParentsFirst(objects, static o => o.Name, static o => ConfigObjectNames.ParentOf(o.Json));
        }

        return [.. objects.Select(static o => new PortalObject(o.Json))];
    }
}
