using Falcon.Shared.Portal;
using Falcon.Shared.Portal.Audit;
using MySqlConnector;

namespace Falcon.Roles.Console.Config.Portal;

/// <summary>
/// Makes the databases hold a portal file's objects, merging by name: each object goes through its kind's
/// <see cref="IConfigKind.WriteAsync"/> with an audit row when it changed. With --replace, objects of a kind whose list
/// is in the file but that the list lacks are deleted (a kind the file has no list for is left alone). Each database
/// is one transaction (uic first: users and teams, which templates' actions name; then falcon_portal), so a bad
/// object leaves its database as it was. A dry run does all of it and rolls back.
/// </summary>
internal sealed partial class PortalImporter(FalconDatabases databases, IReadOnlyList<IConfigKind> kinds, TimeProvider timeProvider)
{
    public const string AuditSummary = "falcon portal import";

    /// <summary>Imports <paramref name="document"/>; each change is reported to <paramref name="report"/> as it is made.</summary>
    public async Task<PortalImportResult> ImportAsync(PortalDocument document, PortalImportOptions options, Action<string> report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        var plan = Check(document);
        var result = new PortalImportResult();
        var committed = new List<string>();
        foreach (var database in kinds.Select(static k => k.Database).Distinct())
        {
            var ofDatabase = kinds.Where(k => k.Database == database && plan.ContainsKey(k.Kind)).ToList();
            if (ofDatabase.Count == 0)
            {
                continue;
            }

            var changedBefore = Changes(result);
            try
            {
                await ImportDatabaseAsync(database, ofDatabase, plan, options, result, report, cancellationToken);
            }
            catch (PortalFileException e)
            {
                var earlier = committed.Count == 0 || options.DryRun ? "" : $" ({string.Join(" and ", committed)} imported before it stays imported)";
                throw new PortalFileException($"{e.Message}\nnothing was written to {NameOf(database)}{earlier}", e);
            }

            committed.Add(NameOf(database));
            result.PortalChanged |= Changes(result) > changedBefore && database == FalconDatabaseKind.Portal && !options.DryRun;
        }

        return result;
    }

    private static int Changes(PortalImportResult result) =>
        result.Total(PortalChange.Created) + result.Total(PortalChange.Updated) + result.Total(PortalChange.Deleted);

    private static string NameOf(FalconDatabaseKind database) => database switch
    {
        FalconDatabaseKind.Portal => "falcon_portal",
        FalconDatabaseKind.Uic => "uic",
        _ => database.ToString(),
    };

    private async Task ImportDatabaseAsync(
        FalconDatabaseKind database, List<IConfigKind> ofDatabase, Dictionary<string, List<PortalImportItem>> plan,
        PortalImportOptions options, PortalImportResult result, Action<string> report, CancellationToken cancellationToken)
    {
        await using var connection = await databases.Get(database).OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var verb = options.DryRun ? "would " : "";
        foreach (var kind in ofDatabase)
        {
            foreach (var item in plan[kind.Kind])
            {
                var change = await WriteAsync(connection, transaction, item, options.Actor, cancellationToken);
                result.Count(kind.Kind, change);
                if (change != PortalChange.Unchanged)
                {
                    report($"{verb}{Verb(change, options.DryRun)} {kind.Kind} {item.Name}");
                }
            }
        }

        if (options.Replace)
        {
            // Children before parents, and what refers to others (hosts, groups) before what they refer to.
            for (var i = ofDatabase.Count - 1; i >= 0; i--)
            {
                var kind = ofDatabase[i];
                foreach (var name in await AbsentAsync(connection, transaction, kind, plan[kind.Kind], cancellationToken))
                {
                    await DeleteAsync(connection, transaction, kind, name, options.Actor, cancellationToken);
                    result.Count(kind.Kind, PortalChange.Deleted);
                    report($"{verb}{Verb(PortalChange.Deleted, options.DryRun)} {kind.Kind} {name}");
                }
            }
        }

        if (!options.DryRun)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        // A dry run ends here: disposing the transaction rolls every write back.
    }

    private async Task<PortalChange> WriteAsync(MySqlConnection connection, MySqlTransaction transaction, PortalImportItem item, string actor, CancellationToken cancellationToken)
    {
        var kind = item.Kind;
        try
        {
            var before = await kind.ReadAsync(connection, transaction, item.Name, cancellationToken);
            var hashBefore = item.PasswordHash is null ? null : await UserSecrets.ReadAsync(connection, transaction, item.Name, cancellationToken);
            await kind.WriteAsync(connection, transaction, item.Name, item.Json, actor, cancellationToken);
            var passwordChanged = false;
            if (item.PasswordHash is { } hash && !string.Equals(hash, hashBefore, StringComparison.Ordinal))
            {
                await UserSecrets.WriteAsync(connection, transaction, item.Name, hash, cancellationToken);
                passwordChanged = true;
            }

            var after = await kind.ReadAsync(connection, transaction, item.Name, cancellationToken);
            var change = before is null ? PortalChange.Created
                : !string.Equals(before, after, StringComparison.Ordinal) || passwordChanged ? PortalChange.Updated
                : PortalChange.Unchanged;
            if (change != PortalChange.Unchanged)
            {
                var summary = passwordChanged ? AuditSummary + " (password hash set)" : AuditSummary;
                await AuditLog.WriteAsync(connection, transaction, new AuditEntry(actor, "import", kind.Kind, item.Name, before, after, summary), timeProvider.GetUtcNow(), cancellationToken);
            }

            return change;
        }
        catch (ConfigValidationException e)
        {
            throw new PortalFileException($"{item.Place}: {e.Field}: {e.Message}", e);
        }
        catch (MySqlException e)
        {
            throw new PortalFileException($"{item.Place}: the database refused it: {e.Message}", e);
        }
        catch (Exception e) when (e is not (OperationCanceledException or PortalFileException))
        {
            // A kind's own bug on an unexpected object still names the object rather than ending in a stack trace.
            throw new PortalFileException($"{item.Place}: could not be written ({e.GetType().Name}: {e.Message})", e);
        }
    }

    private async Task DeleteAsync(MySqlConnection connection, MySqlTransaction transaction, IConfigKind kind, string name, string actor, CancellationToken cancellationToken)
    {
        try
        {
            var before = await kind.ReadAsync(connection, transaction, name, cancellationToken);
            await kind.WriteAsync(connection, transaction, name, null, actor, cancellationToken);
            await AuditLog.WriteAsync(connection, transaction, new AuditEntry(actor, "delete", kind.Kind, name, before, null, AuditSummary + " --replace"), timeProvider.GetUtcNow(), cancellationToken);
        }
        catch (ConfigValidationException e)
        {
            throw new PortalFileException($"deleting {kind.Kind} '{name}' (not in the file, --replace): {e.Field}: {e.Message}", e);
        }
        catch (Exception e) when (e is not (OperationCanceledException or PortalFileException))
        {
            throw new PortalFileException($"deleting {kind.Kind} '{name}' (not in the file, --replace): {e.GetType().Name}: {e.Message}", e);
        }
    }

    /// <summary>The names of <paramref name="kind"/> in the database but not in the file, templates children first.</summary>
    private static async Task<List<string>> AbsentAsync(MySqlConnection connection, MySqlTransaction transaction, IConfigKind kind, List<PortalImportItem> kept, CancellationToken cancellationToken)
    {
        var keep = kept.Select(static i => i.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var absent = (await kind.NamesAsync(connection, transaction, cancellationToken)).Where(n => !keep.Contains(n)).ToList();
        if (kind.Kind != "template" || absent.Count < 2)
        {
            return absent;
        }

        var withParents = new List<(string Name, string Parent)>();
        foreach (var name in absent)
        {
            var json = await kind.ReadAsync(connection, transaction, name, cancellationToken);
            withParents.Add((name, json is null ? "" : ConfigObjectNames.ParentOf(json)));
        }

        var parentsFirst = ConfigObjectNames.ParentsFirst(withParents, static t => t.Name, static t => t.Parent);
        parentsFirst.Reverse();
        return [.. parentsFirst.Select(static t => t.Name)];
    }

    private static string Verb(PortalChange change, bool dryRun) => (change, dryRun) switch
    {
        (PortalChange.Created, false) => "created",
        (PortalChange.Updated, false) => "updated",
        (PortalChange.Deleted, false) => "deleted",
        (PortalChange.Created, true) => "create",
        (PortalChange.Updated, true) => "update",
        (PortalChange.Deleted, true) => "delete",
        _ => "left",
    };
}
